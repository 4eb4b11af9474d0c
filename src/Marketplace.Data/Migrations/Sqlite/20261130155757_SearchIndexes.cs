using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Openings_Status_ApplicationDeadline",
                table: "Openings");

            migrationBuilder.DropIndex(
                name: "IX_Openings_Status_DayRateYen",
                table: "Openings");

            migrationBuilder.DropIndex(
                name: "IX_Openings_Status_PublishedAt",
                table: "Openings");

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Search_DayRate",
                table: "Openings",
                columns: new[] { "Status", "DayRateYen", "Id", "ApplicationDeadline", "PublishedAt", "OrganizationId", "RoleCode", "EngagementCode", "OnsiteDaysPerMonth", "RemoteAllowed", "FirstTermMonths" },
                descending: new[] { false, true, false, false, false, false, false, false, false, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Search_Deadline",
                table: "Openings",
                columns: new[] { "Status", "ApplicationDeadline", "Id", "PublishedAt", "DayRateYen", "OrganizationId", "RoleCode", "EngagementCode", "OnsiteDaysPerMonth", "RemoteAllowed", "FirstTermMonths" });

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Search_Newest",
                table: "Openings",
                columns: new[] { "Status", "PublishedAt", "Id", "ApplicationDeadline", "DayRateYen", "OrganizationId", "RoleCode", "EngagementCode", "OnsiteDaysPerMonth", "RemoteAllowed", "FirstTermMonths" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Openings_Search_DayRate",
                table: "Openings");

            migrationBuilder.DropIndex(
                name: "IX_Openings_Search_Deadline",
                table: "Openings");

            migrationBuilder.DropIndex(
                name: "IX_Openings_Search_Newest",
                table: "Openings");

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Status_ApplicationDeadline",
                table: "Openings",
                columns: new[] { "Status", "ApplicationDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Status_DayRateYen",
                table: "Openings",
                columns: new[] { "Status", "DayRateYen" });

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Status_PublishedAt",
                table: "Openings",
                columns: new[] { "Status", "PublishedAt" });
        }
    }
}
