using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FreezeClaimComputation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BeforeCapYen",
                table: "IncentiveClaims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CapYen",
                table: "IncentiveClaims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Months",
                table: "IncentiveClaims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatePercent",
                table: "IncentiveClaims",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BeforeCapYen",
                table: "IncentiveClaims");

            migrationBuilder.DropColumn(
                name: "CapYen",
                table: "IncentiveClaims");

            migrationBuilder.DropColumn(
                name: "Months",
                table: "IncentiveClaims");

            migrationBuilder.DropColumn(
                name: "RatePercent",
                table: "IncentiveClaims");
        }
    }
}
