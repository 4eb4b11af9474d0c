using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Proposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "VendorCompanies",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RepresentativeName",
                table: "VendorCompanies",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "VendorStaffMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VendorCompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsEmployee = table.Column<bool>(type: "INTEGER", nullable: false),
                    Qualifications = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorStaffMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VendorStaffMembers_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_VendorStaffMembers_VendorCompanies_VendorCompanyId",
                        column: x => x.VendorCompanyId,
                        principalTable: "VendorCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CallQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorCompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    AskedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AskedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallQuestions_VendorCompanies_VendorCompanyId",
                        column: x => x.VendorCompanyId,
                        principalTable: "VendorCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallRoles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MustBeOwnEmployee = table.Column<bool>(type: "INTEGER", nullable: false),
                    MayCombine = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    IsChair = table.Column<bool>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCriteria", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommitteeMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationScores_CommitteeMembers_CommitteeMemberId",
                        column: x => x.CommitteeMemberId,
                        principalTable: "CommitteeMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationScores_EvaluationCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "EvaluationCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProposalCalls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ContractStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ContractEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CeilingYen = table.Column<long>(type: "INTEGER", nullable: false),
                    CeilingTaxIncluded = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnsiteDaysPerWeek = table.Column<double>(type: "REAL", nullable: false),
                    OnsiteNotes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Eligibility = table.Column<string>(type: "TEXT", nullable: false),
                    QuestionDeadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmissionDeadline = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PresentationDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResultDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScoreScale = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceFormula = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    AwardedProposalId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContractAmountYen = table.Column<long>(type: "INTEGER", nullable: true),
                    AwardedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalCalls_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorCompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceTaxIncluded = table.Column<bool>(type: "INTEGER", nullable: false),
                    PriceOnCallBasisYen = table.Column<long>(type: "INTEGER", nullable: false),
                    Approach = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Proposals_ProposalCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ProposalCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Proposals_VendorCompanies_VendorCompanyId",
                        column: x => x.VendorCompanyId,
                        principalTable: "VendorCompanies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposalStaffing",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    CallRoleId = table.Column<int>(type: "INTEGER", nullable: false),
                    VendorStaffMemberId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalStaffing", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalStaffing_CallRoles_CallRoleId",
                        column: x => x.CallRoleId,
                        principalTable: "CallRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposalStaffing_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProposalStaffing_VendorStaffMembers_VendorStaffMemberId",
                        column: x => x.VendorStaffMemberId,
                        principalTable: "VendorStaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallAttachments_CallId",
                table: "CallAttachments",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_CallQuestions_CallId_AskedAt",
                table: "CallQuestions",
                columns: new[] { "CallId", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallQuestions_VendorCompanyId",
                table: "CallQuestions",
                column: "VendorCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_CallRoles_CallId",
                table: "CallRoles",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_CallId_UserId",
                table: "CommitteeMembers",
                columns: new[] { "CallId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_UserId",
                table: "CommitteeMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCriteria_CallId",
                table: "EvaluationCriteria",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_CommitteeMemberId_ProposalId_CriterionId",
                table: "EvaluationScores",
                columns: new[] { "CommitteeMemberId", "ProposalId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_CriterionId",
                table: "EvaluationScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationScores_ProposalId",
                table: "EvaluationScores",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalAttachments_ProposalId",
                table: "ProposalAttachments",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalCalls_AwardedProposalId",
                table: "ProposalCalls",
                column: "AwardedProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalCalls_OrganizationId",
                table: "ProposalCalls",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalCalls_Status_SubmissionDeadline",
                table: "ProposalCalls",
                columns: new[] { "Status", "SubmissionDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_CallId_VendorCompanyId",
                table: "Proposals",
                columns: new[] { "CallId", "VendorCompanyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_VendorCompanyId",
                table: "Proposals",
                column: "VendorCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStaffing_CallRoleId",
                table: "ProposalStaffing",
                column: "CallRoleId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStaffing_ProposalId_CallRoleId",
                table: "ProposalStaffing",
                columns: new[] { "ProposalId", "CallRoleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalStaffing_VendorStaffMemberId",
                table: "ProposalStaffing",
                column: "VendorStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorStaffMembers_ExpertProfileId",
                table: "VendorStaffMembers",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorStaffMembers_VendorCompanyId",
                table: "VendorStaffMembers",
                column: "VendorCompanyId");

            migrationBuilder.AddForeignKey(
                name: "FK_CallAttachments_ProposalCalls_CallId",
                table: "CallAttachments",
                column: "CallId",
                principalTable: "ProposalCalls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CallQuestions_ProposalCalls_CallId",
                table: "CallQuestions",
                column: "CallId",
                principalTable: "ProposalCalls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CallRoles_ProposalCalls_CallId",
                table: "CallRoles",
                column: "CallId",
                principalTable: "ProposalCalls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CommitteeMembers_ProposalCalls_CallId",
                table: "CommitteeMembers",
                column: "CallId",
                principalTable: "ProposalCalls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_EvaluationCriteria_ProposalCalls_CallId",
                table: "EvaluationCriteria",
                column: "CallId",
                principalTable: "ProposalCalls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_EvaluationScores_Proposals_ProposalId",
                table: "EvaluationScores",
                column: "ProposalId",
                principalTable: "Proposals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ProposalAttachments_Proposals_ProposalId",
                table: "ProposalAttachments",
                column: "ProposalId",
                principalTable: "Proposals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ProposalCalls_Proposals_AwardedProposalId",
                table: "ProposalCalls",
                column: "AwardedProposalId",
                principalTable: "Proposals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Proposals_ProposalCalls_CallId",
                table: "Proposals");

            migrationBuilder.DropTable(
                name: "CallAttachments");

            migrationBuilder.DropTable(
                name: "CallQuestions");

            migrationBuilder.DropTable(
                name: "EvaluationScores");

            migrationBuilder.DropTable(
                name: "ProposalAttachments");

            migrationBuilder.DropTable(
                name: "ProposalStaffing");

            migrationBuilder.DropTable(
                name: "CommitteeMembers");

            migrationBuilder.DropTable(
                name: "EvaluationCriteria");

            migrationBuilder.DropTable(
                name: "CallRoles");

            migrationBuilder.DropTable(
                name: "VendorStaffMembers");

            migrationBuilder.DropTable(
                name: "ProposalCalls");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "VendorCompanies");

            migrationBuilder.DropColumn(
                name: "RepresentativeName",
                table: "VendorCompanies");
        }
    }
}
