using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispatchProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FiscalCapacityIndex",
                table: "Organizations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Population",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CertificationApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    CareerEvidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SkillsEvidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    References = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificationApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificationApplications_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certifications_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DispatchRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestOpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MatchingEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResultDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DispatchStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MinTermMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxTermMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxTotalMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    AllowFullTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowPartTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibleKinds = table.Column<string>(type: "TEXT", nullable: false),
                    MaxPopulation = table.Column<int>(type: "INTEGER", nullable: true),
                    BudgetYen = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxCapPerYearYen = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadinessSubsidyYen = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HostReadiness",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CioName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SupportStaff = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecisionRights = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostReadiness", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HostReadiness_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingCourses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingCourses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CertificationEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertificationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificationEvents_Certifications_CertificationId",
                        column: x => x.CertificationId,
                        principalTable: "Certifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DispatchRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadOrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RoleCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Needs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequiredSkills = table.Column<string>(type: "TEXT", nullable: false),
                    PreferredSkills = table.Column<string>(type: "TEXT", nullable: false),
                    FullTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    DaysPerWeek = table.Column<double>(type: "REAL", nullable: false),
                    OnsiteDaysPerMonth = table.Column<double>(type: "REAL", nullable: false),
                    TermMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Obstacles = table.Column<string>(type: "TEXT", nullable: false),
                    SituationNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExpectedAnnualCostYen = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchRequests_DispatchRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "DispatchRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DispatchRequests_Organizations_LeadOrganizationId",
                        column: x => x.LeadOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncentiveBands",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromIndex = table.Column<double>(type: "REAL", nullable: false),
                    RatePercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncentiveBands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncentiveBands_DispatchRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "DispatchRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingModules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingModules_TrainingCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TrainingCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DispatchProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RankAtProposal = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    CioAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HostAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HostAcceptedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchProposals_DispatchRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DispatchRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DispatchProposals_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DispatchRequestHosts",
                columns: table => new
                {
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRequestHosts", x => new { x.RequestId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_DispatchRequestHosts_DispatchRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DispatchRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DispatchRequestHosts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrainingCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingCompletions_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrainingCompletions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrainingCompletions_TrainingModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "TrainingModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Dispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedEndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysPerWeek = table.Column<double>(type: "REAL", nullable: false),
                    OnsiteDaysPerMonth = table.Column<double>(type: "REAL", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CommittedYen = table.Column<long>(type: "INTEGER", nullable: false),
                    FinalReport = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    FinalReportAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HostRating = table.Column<int>(type: "INTEGER", nullable: true),
                    HostEvaluation = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    HostEvaluatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HostEvaluatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dispatches_DispatchProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "DispatchProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_DispatchRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DispatchRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_DispatchRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "DispatchRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_ExpertProfiles_ExpertProfileId",
                        column: x => x.ExpertProfileId,
                        principalTable: "ExpertProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DispatchEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchEvents_Dispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "Dispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncentiveClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DispatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    EligibleCostsYen = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedYen = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedYen = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncentiveClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncentiveClaims_Dispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalTable: "Dispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IncentiveClaims_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncentivePayments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountYen = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncentivePayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncentivePayments_IncentiveClaims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "IncentiveClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificationApplications_ExpertProfileId",
                table: "CertificationApplications",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificationApplications_Status_SubmittedAt",
                table: "CertificationApplications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificationEvents_CertificationId",
                table: "CertificationEvents",
                column: "CertificationId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_ExpertProfileId",
                table: "Certifications",
                column: "ExpertProfileId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_ExpertProfileId",
                table: "Dispatches",
                column: "ExpertProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_ProposalId",
                table: "Dispatches",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_RequestId",
                table: "Dispatches",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_RoundId",
                table: "Dispatches",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchEvents_DispatchId",
                table: "DispatchEvents",
                column: "DispatchId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposals_ExpertProfileId_Status",
                table: "DispatchProposals",
                columns: new[] { "ExpertProfileId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposals_RequestId_Status",
                table: "DispatchProposals",
                columns: new[] { "RequestId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRequestHosts_OrganizationId",
                table: "DispatchRequestHosts",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRequests_LeadOrganizationId",
                table: "DispatchRequests",
                column: "LeadOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRequests_RoundId_Status",
                table: "DispatchRequests",
                columns: new[] { "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRounds_FiscalYear",
                table: "DispatchRounds",
                column: "FiscalYear",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HostReadiness_OrganizationId",
                table: "HostReadiness",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveBands_RoundId",
                table: "IncentiveBands",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveClaims_DispatchId_OrganizationId_Kind_FiscalYear",
                table: "IncentiveClaims",
                columns: new[] { "DispatchId", "OrganizationId", "Kind", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveClaims_OrganizationId",
                table: "IncentiveClaims",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_IncentiveClaims_Status_SubmittedAt",
                table: "IncentiveClaims",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncentivePayments_ClaimId",
                table: "IncentivePayments",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCompletions_ExpertProfileId_ModuleId",
                table: "TrainingCompletions",
                columns: new[] { "ExpertProfileId", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCompletions_ModuleId",
                table: "TrainingCompletions",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCompletions_OrganizationId_ModuleId",
                table: "TrainingCompletions",
                columns: new[] { "OrganizationId", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCourses_Code",
                table: "TrainingCourses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingModules_CourseId",
                table: "TrainingModules",
                column: "CourseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificationApplications");

            migrationBuilder.DropTable(
                name: "CertificationEvents");

            migrationBuilder.DropTable(
                name: "DispatchEvents");

            migrationBuilder.DropTable(
                name: "DispatchRequestHosts");

            migrationBuilder.DropTable(
                name: "HostReadiness");

            migrationBuilder.DropTable(
                name: "IncentiveBands");

            migrationBuilder.DropTable(
                name: "IncentivePayments");

            migrationBuilder.DropTable(
                name: "TrainingCompletions");

            migrationBuilder.DropTable(
                name: "Certifications");

            migrationBuilder.DropTable(
                name: "IncentiveClaims");

            migrationBuilder.DropTable(
                name: "TrainingModules");

            migrationBuilder.DropTable(
                name: "Dispatches");

            migrationBuilder.DropTable(
                name: "TrainingCourses");

            migrationBuilder.DropTable(
                name: "DispatchProposals");

            migrationBuilder.DropTable(
                name: "DispatchRequests");

            migrationBuilder.DropTable(
                name: "DispatchRounds");

            migrationBuilder.DropColumn(
                name: "FiscalCapacityIndex",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Population",
                table: "Organizations");
        }
    }
}
