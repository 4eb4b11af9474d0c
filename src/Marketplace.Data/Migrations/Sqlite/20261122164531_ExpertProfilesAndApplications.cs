using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAt",
                table: "ExpertProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DesiredPayAmountYen",
                table: "ExpertProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "DesiredPayUnit",
                table: "ExpertProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SideJob",
                table: "ExpertProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VendorAffiliationName",
                table: "ExpertProfiles",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VendorCorporateNumber",
                table: "ExpertProfiles",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OpeningId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Motivation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublicSector = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CorporateNumber = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Relation = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", nullable: true),
                    FromExpert = table.Column<bool>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToStage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    ByExpert = table.Column<bool>(type: "INTEGER", nullable: false)
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
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
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
