using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchByOrganization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Openings_OrganizationId",
                table: "Openings");

            migrationBuilder.CreateIndex(
                name: "IX_Openings_Search_Organization",
                table: "Openings",
                columns: new[] { "OrganizationId", "Status", "ApplicationDeadline", "PublishedAt", "DayRateYen", "Id", "RoleCode", "EngagementCode", "OnsiteDaysPerMonth", "RemoteAllowed", "FirstTermMonths" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Openings_Search_Organization",
                table: "Openings");

            migrationBuilder.CreateIndex(
                name: "IX_Openings_OrganizationId",
                table: "Openings",
                column: "OrganizationId");
        }
    }
}
