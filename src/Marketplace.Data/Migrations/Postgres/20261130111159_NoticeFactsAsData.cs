using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticeFactsAsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "ProposalCalls",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServesCode",
                table: "ProposalCalls",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServesDetail",
                table: "ProposalCalls",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TravelExpenses",
                table: "ProposalCalls",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AllowancesNotStated",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "CommutingNotStated",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "DayRateHighYen",
                table: "Openings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DayRateLowYen",
                table: "Openings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DaysPerWeekApproximate",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "DaysPerWeekNotStated",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "Openings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FirstTermApproximate",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "FollowOnGuaranteed",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "OnsiteApproximate",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "OnsiteNotStated",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PayApproximate",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PayNotStated",
                table: "Openings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RenewalMaxAdditionalMonths",
                table: "Openings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServesCode",
                table: "Openings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServesDetail",
                table: "Openings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TravelExpenses",
                table: "Openings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OpeningAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OpeningId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpeningAttachments_Openings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "Openings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpeningAttachments_OpeningId",
                table: "OpeningAttachments",
                column: "OpeningId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpeningAttachments");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "ServesCode",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "ServesDetail",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "TravelExpenses",
                table: "ProposalCalls");

            migrationBuilder.DropColumn(
                name: "AllowancesNotStated",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "CommutingNotStated",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "DayRateHighYen",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "DayRateLowYen",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "DaysPerWeekApproximate",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "DaysPerWeekNotStated",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "FirstTermApproximate",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "FollowOnGuaranteed",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "OnsiteApproximate",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "OnsiteNotStated",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "PayApproximate",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "PayNotStated",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "RenewalMaxAdditionalMonths",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "ServesCode",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "ServesDetail",
                table: "Openings");

            migrationBuilder.DropColumn(
                name: "TravelExpenses",
                table: "Openings");
        }
    }
}
