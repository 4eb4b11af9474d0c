using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PostingCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PostingCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OpeningId = table.Column<int>(type: "INTEGER", nullable: true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: true),
                    CorrectedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CorrectedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Notified = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostingCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostingCorrections_Openings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "Openings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PostingCorrections_ProposalCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ProposalCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PostingCorrections_CallId_CorrectedAt",
                table: "PostingCorrections",
                columns: new[] { "CallId", "CorrectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostingCorrections_OpeningId_CorrectedAt",
                table: "PostingCorrections",
                columns: new[] { "OpeningId", "CorrectedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PostingCorrections");
        }
    }
}
