using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WalkFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EarlyAwardReason",
                table: "ProposalCalls",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "SideJob",
                table: "ExpertProfiles",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<double>(
                name: "MaxOnsiteDaysPerMonth",
                table: "ExpertProfiles",
                type: "REAL",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "REAL");

            // On-site days a week count 4 weeks a month, the pay basis (48 working weeks a year), not 52 / 12.
            migrationBuilder.Sql("UPDATE \"Openings\" SET \"OnsiteDaysPerMonth\" = \"OnsiteDays\" * 4 WHERE \"OnsitePeriod\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EarlyAwardReason",
                table: "ProposalCalls");

            migrationBuilder.AlterColumn<int>(
                name: "SideJob",
                table: "ExpertProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "MaxOnsiteDaysPerMonth",
                table: "ExpertProfiles",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "REAL",
                oldNullable: true);

            migrationBuilder.Sql("UPDATE \"Openings\" SET \"OnsiteDaysPerMonth\" = \"OnsiteDays\" * 52.0 / 12.0 WHERE \"OnsitePeriod\" = 0;");
        }
    }
}
