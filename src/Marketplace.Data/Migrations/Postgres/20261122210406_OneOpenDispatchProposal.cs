using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneOpenDispatchProposal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "UX_DispatchProposals_OpenPerCio",
                table: "DispatchProposals",
                column: "ExpertProfileId",
                unique: true,
                filter: "\"Status\" IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "UX_DispatchProposals_OpenPerRequest",
                table: "DispatchProposals",
                column: "RequestId",
                unique: true,
                filter: "\"Status\" IN (0, 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_DispatchProposals_OpenPerCio",
                table: "DispatchProposals");

            migrationBuilder.DropIndex(
                name: "UX_DispatchProposals_OpenPerRequest",
                table: "DispatchProposals");
        }
    }
}
