namespace Marketplace.Data.Configurations;

public sealed class DispatchRoundConfiguration : IEntityTypeConfiguration<DispatchRound>
{
    public void Configure(EntityTypeBuilder<DispatchRound> b)
    {
        b.Property(r => r.Name).HasMaxLength(200).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        // One round per fiscal year.
        b.HasIndex(r => r.FiscalYear).IsUnique();
        b.HasMany(r => r.Bands).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificationApplicationConfiguration : IEntityTypeConfiguration<CertificationApplication>
{
    public const int EvidenceMax = 4_000;

    public void Configure(EntityTypeBuilder<CertificationApplication> b)
    {
        b.Property(a => a.CareerEvidence).HasMaxLength(EvidenceMax).IsRequired();
        b.Property(a => a.SkillsEvidence).HasMaxLength(EvidenceMax).IsRequired();
        b.Property(a => a.References).HasMaxLength(EvidenceMax).IsRequired();
        b.Property(a => a.DecisionReason).HasMaxLength(1_000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Expert).WithMany().HasForeignKey(a => a.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.Status, a.SubmittedAt });
        b.HasIndex(a => a.ExpertProfileId);
    }
}

public sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> b)
    {
        b.Property(c => c.RevokedReason).HasMaxLength(1_000);
        b.Property(c => c.Version).IsConcurrencyToken();
        // One certification per expert: renewal extends it, revocation ends it.
        b.HasIndex(c => c.ExpertProfileId).IsUnique();
        b.HasOne(c => c.Expert).WithMany().HasForeignKey(c => c.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CertificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificationEventConfiguration : IEntityTypeConfiguration<CertificationEvent>
{
    public void Configure(EntityTypeBuilder<CertificationEvent> b) => b.Property(e => e.Reason).HasMaxLength(1_000);
}

public sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.Property(c => c.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.TitleJa).HasMaxLength(200).IsRequired();
        b.Property(c => c.TitleEn).HasMaxLength(200).IsRequired();
        b.HasMany(c => c.Modules).WithOne(m => m.Course).HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TrainingModuleConfiguration : IEntityTypeConfiguration<TrainingModule>
{
    public void Configure(EntityTypeBuilder<TrainingModule> b)
    {
        b.Property(m => m.TitleJa).HasMaxLength(200).IsRequired();
        b.Property(m => m.TitleEn).HasMaxLength(200).IsRequired();
    }
}

public sealed class TrainingCompletionConfiguration : IEntityTypeConfiguration<TrainingCompletion>
{
    public void Configure(EntityTypeBuilder<TrainingCompletion> b)
    {
        b.Property(c => c.PersonName).HasMaxLength(100).IsRequired();
        b.HasOne(c => c.Module).WithMany().HasForeignKey(c => c.ModuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ExpertProfile>().WithMany().HasForeignKey(c => c.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ExpertProfileId, c.ModuleId });
        b.HasIndex(c => new { c.OrganizationId, c.ModuleId });
    }
}

public sealed class HostReadinessConfiguration : IEntityTypeConfiguration<HostReadiness>
{
    public const int FieldMax = 1_000;

    public void Configure(EntityTypeBuilder<HostReadiness> b)
    {
        b.Property(r => r.CioName).HasMaxLength(200).IsRequired();
        b.Property(r => r.SupportStaff).HasMaxLength(FieldMax).IsRequired();
        b.Property(r => r.DecisionRights).HasMaxLength(FieldMax).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.OrganizationId).IsUnique();
        b.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DispatchRequestConfiguration : IEntityTypeConfiguration<DispatchRequest>
{
    public const int NeedsMax = 4_000;

    public void Configure(EntityTypeBuilder<DispatchRequest> b)
    {
        b.Property(r => r.RoleCode).HasMaxLength(40).IsRequired();
        b.Property(r => r.Needs).HasMaxLength(NeedsMax).IsRequired();
        b.Property(r => r.SituationNotes).HasMaxLength(NeedsMax);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.LeadOrganization).WithMany().HasForeignKey(r => r.LeadOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Hosts).WithOne().HasForeignKey(h => h.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.RoundId, r.Status });
    }
}

public sealed class DispatchRequestHostConfiguration : IEntityTypeConfiguration<DispatchRequestHost>
{
    public void Configure(EntityTypeBuilder<DispatchRequestHost> b)
    {
        b.HasKey(h => new { h.RequestId, h.OrganizationId });
        b.HasOne(h => h.Organization).WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => h.OrganizationId);
    }
}

public sealed class DispatchProposalConfiguration : IEntityTypeConfiguration<DispatchProposal>
{
    public void Configure(EntityTypeBuilder<DispatchProposal> b)
    {
        b.Property(p => p.OverrideReason).HasMaxLength(1_000);
        b.Property(p => p.DeclineReason).HasMaxLength(1_000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Request).WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.Expert).WithMany().HasForeignKey(p => p.ExpertProfileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.ExpertProfileId, p.Status });
        b.HasIndex(p => new { p.RequestId, p.Status });
        // At most one open (proposed or accepted) proposal per CIO and per request, even when two office users
        // propose at the same moment. The filter is the same SQL on SQLite and PostgreSQL.
        const string Open = "\"Status\" IN (0, 1)";
        b.HasIndex(p => p.ExpertProfileId).IsUnique().HasFilter(Open).HasDatabaseName("UX_DispatchProposals_OpenPerCio");
        b.HasIndex(p => p.RequestId).IsUnique().HasFilter(Open).HasDatabaseName("UX_DispatchProposals_OpenPerRequest");
    }
}

public sealed class DispatchConfiguration : IEntityTypeConfiguration<CioDispatch>
{
    public const int ReportMax = 10_000;

    public void Configure(EntityTypeBuilder<CioDispatch> b)
    {
        b.Property(d => d.EndReason).HasMaxLength(1_000);
        b.Property(d => d.FinalReport).HasMaxLength(ReportMax);
        b.Property(d => d.HostEvaluation).HasMaxLength(ReportMax);
        b.Property(d => d.ReportLessons).HasMaxLength(ReportMax);
        b.Property(d => d.HostLessons).HasMaxLength(ReportMax);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne(d => d.Round).WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Request).WithMany().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DispatchProposal>().WithMany().HasForeignKey(d => d.ProposalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Expert).WithMany().HasForeignKey(d => d.ExpertProfileId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Events).WithOne().HasForeignKey(e => e.DispatchId).OnDelete(DeleteBehavior.Cascade);
        // A request is served by at most one dispatch.
        b.HasIndex(d => d.RequestId).IsUnique();
        b.HasIndex(d => d.ExpertProfileId);
    }
}

public sealed class DispatchEventConfiguration : IEntityTypeConfiguration<DispatchEvent>
{
    public void Configure(EntityTypeBuilder<DispatchEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(20).IsRequired();
        b.Property(e => e.Note).HasMaxLength(1_000);
    }
}

public sealed class IncentiveClaimConfiguration : IEntityTypeConfiguration<IncentiveClaim>
{
    public void Configure(EntityTypeBuilder<IncentiveClaim> b)
    {
        b.Property(c => c.DecisionReason).HasMaxLength(1_000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Dispatch).WithMany().HasForeignKey(c => c.DispatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Payments).WithOne().HasForeignKey(p => p.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.Status, c.SubmittedAt });
        b.HasIndex(c => new { c.DispatchId, c.OrganizationId, c.Kind, c.FiscalYear });
    }
}
