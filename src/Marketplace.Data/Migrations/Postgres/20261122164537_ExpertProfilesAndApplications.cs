using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpertProfilesAndApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ExpertProfiles_AspNetUsers_UserId",
                table: "ExpertProfiles");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "ExpertProfiles",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAt",
                table: "ExpertProfiles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DesiredPayAmountYen",
                table: "ExpertProfiles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "DesiredPayUnit",
                table: "ExpertProfiles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SideJob",
                table: "ExpertProfiles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VendorAffiliationName",
                table: "ExpertProfiles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorCorporateNumber",
                table: "ExpertProfiles",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OpeningId = table.Column<int>(type: "integer", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Motivation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Openings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "Openings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareerEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExpertProfileId = table.Column<int>(type: "integer", nullable: false),
                    Organization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicSector = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareerEntries_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VendorContracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    VendorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CorporateNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Relation = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VendorContracts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    AuthorUserId = table.Column<string>(type: "text", nullable: true),
                    FromExpert = table.Column<bool>(type: "boolean", nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMessages_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationStageChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    FromStage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToStage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "text", nullable: true),
                    ByExpert = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationStageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationStageChanges_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpertProfiles_VendorCorporateNumber",
                table: "ExpertProfiles",
                column: "VendorCorporateNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMessages_ApplicationId_SentAt",
                table: "ApplicationMessages",
                columns: new[] { "ApplicationId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ExpertProfileId",
                table: "Applications",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_OpeningId_ExpertProfileId",
                table: "Applications",
                columns: new[] { "OpeningId", "ExpertProfileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationStageChanges_ApplicationId",
                table: "ApplicationStageChanges",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_CareerEntries_ExpertProfileId",
                table: "CareerEntries",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorContracts_OrganizationId_CorporateNumber",
                table: "VendorContracts",
                columns: new[] { "OrganizationId", "CorporateNumber" });

            migrationBuilder.AddForeignKey(
                name: "FK_ExpertProfiles_AspNetUsers_UserId",
                table: "ExpertProfiles",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ExpertProfiles_AspNetUsers_UserId",
                table: "ExpertProfiles");

            migrationBuilder.DropTable(
                name: "ApplicationMessages");

            migrationBuilder.DropTable(
                name: "ApplicationStageChanges");

            migrationBuilder.DropTable(
                name: "CareerEntries");

            migrationBuilder.DropTable(
                name: "VendorContracts");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_ExpertProfiles_VendorCorporateNumber",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "AnonymizedAt",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "DesiredPayAmountYen",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "DesiredPayUnit",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "SideJob",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "VendorAffiliationName",
                table: "ExpertProfiles");

            migrationBuilder.DropColumn(
                name: "VendorCorporateNumber",
                table: "ExpertProfiles");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "ExpertProfiles",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ExpertProfiles_AspNetUsers_UserId",
                table: "ExpertProfiles",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
