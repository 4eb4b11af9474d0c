using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "SideJob",
                table: "ExpertProfiles",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<double>(
                name: "MaxOnsiteDaysPerMonth",
                table: "ExpertProfiles",
                type: "double precision",
                nullable: true,
                oldClrType: typeof(double),
                oldType: "double precision");

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
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<double>(
                name: "MaxOnsiteDaysPerMonth",
                table: "ExpertProfiles",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0,
                oldClrType: typeof(double),
                oldType: "double precision",
                oldNullable: true);

            migrationBuilder.Sql("UPDATE \"Openings\" SET \"OnsiteDaysPerMonth\" = \"OnsiteDays\" * 52.0 / 12.0 WHERE \"OnsitePeriod\" = 0;");
        }
    }
}
