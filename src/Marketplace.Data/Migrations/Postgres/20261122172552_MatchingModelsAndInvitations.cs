using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Marketplace.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchingModelsAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExpertInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OpeningId = table.Column<int>(type: "integer", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "integer", nullable: false),
                    InvitedByUserId = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertInvitations_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExpertInvitations_Openings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "Openings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RankerModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Openings = table.Column<int>(type: "integer", nullable: false),
                    Experts = table.Column<int>(type: "integer", nullable: false),
                    Outcomes = table.Column<int>(type: "integer", nullable: false),
                    ModelNdcg5 = table.Column<double>(type: "double precision", nullable: true),
                    ModelNdcg10 = table.Column<double>(type: "double precision", nullable: true),
                    Bm25Ndcg10 = table.Column<double>(type: "double precision", nullable: true),
                    RulesNdcg10 = table.Column<double>(type: "double precision", nullable: true),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    Decision = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ColdStartReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ColdStartReasonEn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankerModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrainingRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Progress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RequestedByUserId = table.Column<string>(type: "text", nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RankerModelId = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpertInvitations_ExpertProfileId",
                table: "ExpertInvitations",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_ExpertInvitations_OpeningId_ExpertProfileId",
                table: "ExpertInvitations",
                columns: new[] { "OpeningId", "ExpertProfileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RankerModels_IsCurrent",
                table: "RankerModels",
                column: "IsCurrent");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRuns_QueuedAt",
                table: "TrainingRuns",
                column: "QueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpertInvitations");

            migrationBuilder.DropTable(
                name: "RankerModels");

            migrationBuilder.DropTable(
                name: "TrainingRuns");
        }
    }
}
