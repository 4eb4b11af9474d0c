using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrackRecordEvaluationsAndCaseKeywords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EvaluationShownAt",
                table: "Dispatches",
                type: "TEXT",
                nullable: true);

            // The keyword index of cases (filled from the cases at the next start: see EnsureKeywordIndexAsync).
            migrationBuilder.Sql(KeywordIndex.CreateSqliteCaseTable);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{KeywordIndex.SqliteCaseTable}\";");
            migrationBuilder.DropColumn(
                name: "EvaluationShownAt",
                table: "Dispatches");
        }
    }
}
