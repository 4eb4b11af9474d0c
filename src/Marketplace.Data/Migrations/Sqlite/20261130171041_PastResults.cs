using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PastResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RecordedAfterTheFact",
                table: "ProposalCalls",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "ProposalCalls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedByUserId",
                table: "ProposalCalls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecordedProposalCount",
                table: "ProposalCalls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplierCorporateNumber",
                table: "ProposalCalls",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupplierName",
                table: "ProposalCalls",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupplierVendorCompanyId",
                table: "ProposalCalls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AppointeeExpertProfileId",
                table: "Openings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AppointeeName",
                table: "Openings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FilledOn",
                table: "Openings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecordedAfterTheFact",
                table: "Openings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Openings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedByUserId",
                table: "Openings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalCalls_SupplierVendorCompanyId",
                table: "ProposalCalls",
                column: "SupplierVendorCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Openings_AppointeeExpertProfileId",
                table: "Openings",
                column: "AppointeeExpertProfileId");

            migrationBuilder.AddForeignKey(
                name: "FK_Openings_ExpertProfiles_AppointeeExpertProfileId",
                table: "Openings",
                column: "AppointeeExpertProfileId",
                principalTable: "ExpertProfiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ProposalCalls_VendorCompanies_SupplierVendorCompanyId",
                table: "ProposalCalls",
                column: "SupplierVendorCompanyId",
                principalTable: "VendorCompanies",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Openings_ExpertProfiles_AppointeeExpertProfileId",
                table: "Openings");

            migrationBuilder.DropForeignKey(
                name: "FK_ProposalCalls_VendorCompanies_SupplierVendorCompanyId",
                table: "ProposalCalls");

            migrationBuilder.DropIndex(
                name: "IX_ProposalCalls_SupplierVendorCompanyId",
                table: "ProposalCalls");

            migrationBuilder.DropIndex(
                name: "IX_Openings_AppointeeExpertProfileId",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "RecordedAfterTheFact",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "RecordedByUserId",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "RecordedProposalCount",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "SupplierCorporateNumber",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "SupplierName",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "SupplierVendorCompanyId",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "AppointeeExpertProfileId",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "AppointeeName",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "FilledOn",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "RecordedAfterTheFact",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "RecordedByUserId",
                table: "Openings");
        }
    }
}
