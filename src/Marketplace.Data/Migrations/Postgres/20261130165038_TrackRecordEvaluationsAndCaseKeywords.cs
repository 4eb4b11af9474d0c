using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            // The bigram keyword index of cases (the database fills it from the rows).
            migrationBuilder.Sql(KeywordIndex.CreatePostgresCaseIndex);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(KeywordIndex.DropPostgresCaseIndex);
            migrationBuilder.DropColumn(
                name: "EvaluationShownAt",
                table: "Dispatches");
        }
    }
}
