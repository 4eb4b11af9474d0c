namespace Marketplace.Data.Configurations;

public sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public const int TitleMax = 200;
    public const int SummaryMax = 1_000;
    public const int BodyMax = 20_000;
    public const int FundingMax = 500;

    public void Configure(EntityTypeBuilder<CaseStudy> b)
    {
        b.ToTable("Cases");
        b.Property(c => c.Title).HasMaxLength(TitleMax).IsRequired();
        b.Property(c => c.Summary).HasMaxLength(SummaryMax).IsRequired();
        b.Property(c => c.Body).HasMaxLength(BodyMax).IsRequired();
        b.Property(c => c.Lessons).HasMaxLength(BodyMax).IsRequired();
        b.Property(c => c.FundingSource).HasMaxLength(FundingMax).IsRequired();
        b.Property(c => c.ReviewNote).HasMaxLength(1_000);
        b.Property(c => c.SearchText).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.OwnerOrganization).WithMany().HasForeignKey(c => c.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Governments).WithOne().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Kpis).WithOne().HasForeignKey(k => k.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.People).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CioDispatch>().WithMany().HasForeignKey(c => c.DispatchId).OnDelete(DeleteBehavior.Restrict);
        // One case per dispatch report.
        b.HasIndex(c => c.DispatchId).IsUnique();
        b.HasIndex(c => new { c.Status, c.PublishedAt });
        b.HasIndex(c => c.OwnerOrganizationId);
    }
}

public sealed class CaseGovernmentConfiguration : IEntityTypeConfiguration<CaseGovernment>
{
    public void Configure(EntityTypeBuilder<CaseGovernment> b)
    {
        b.HasKey(g => new { g.CaseId, g.OrganizationId });
        b.HasOne(g => g.Organization).WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => g.OrganizationId);
    }
}

/// <summary>The columns every KPI table shares (see <see cref="Kpi"/>).</summary>
public abstract class KpiConfiguration<T> : IEntityTypeConfiguration<T> where T : Kpi
{
    public virtual void Configure(EntityTypeBuilder<T> b)
    {
        b.Property(k => k.Name).HasMaxLength(200).IsRequired();
        b.Property(k => k.Unit).HasMaxLength(40).IsRequired();
        b.Property(k => k.Before).HasPrecision(18, 4);
        b.Property(k => k.After).HasPrecision(18, 4);
    }
}

public sealed class CaseKpiConfiguration : KpiConfiguration<CaseKpi>;

public sealed class CasePersonConfiguration : IEntityTypeConfiguration<CasePerson>
{
    public void Configure(EntityTypeBuilder<CasePerson> b)
    {
        b.Property(p => p.Role).HasMaxLength(200).IsRequired();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.HasOne(p => p.Expert).WithMany().HasForeignKey(p => p.ExpertProfileId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.ExpertProfileId);
    }
}

public sealed class CaseAttachmentConfiguration : StoredPdfConfiguration<CaseAttachment>
{
    public override void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        base.Configure(b);
        b.HasIndex(a => a.CaseId);
    }
}

public sealed class AdviceRequestConfiguration : IEntityTypeConfiguration<AdviceRequest>
{
    public const int TextMax = 4_000;

    public void Configure(EntityTypeBuilder<AdviceRequest> b)
    {
        b.Property(a => a.Kind).HasMaxLength(20).IsRequired();
        b.Property(a => a.Question).HasMaxLength(TextMax).IsRequired();
        b.Property(a => a.Outcome).HasMaxLength(TextMax).IsRequired();
        b.Property(a => a.RequesterUserId).HasMaxLength(450).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Case).WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.RequesterOrganization).WithMany().HasForeignKey(a => a.RequesterOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ExpertProfile>().WithMany().HasForeignKey(a => a.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Messages).WithOne().HasForeignKey(m => m.AdviceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.CaseId);
        b.HasIndex(a => a.RequesterOrganizationId);
        b.HasIndex(a => a.ExpertProfileId);
    }
}

public sealed class AdviceMessageConfiguration : IEntityTypeConfiguration<AdviceMessage>
{
    public void Configure(EntityTypeBuilder<AdviceMessage> b)
    {
        b.Property(m => m.Text).HasMaxLength(AdviceRequestConfiguration.TextMax).IsRequired();
        b.Property(m => m.AuthorUserId).HasMaxLength(450).IsRequired();
        b.Property(m => m.AuthorName).HasMaxLength(200).IsRequired();
    }
}

public sealed class DispatchKpiConfiguration : KpiConfiguration<DispatchKpi>
{
    public override void Configure(EntityTypeBuilder<DispatchKpi> b)
    {
        base.Configure(b);
        b.HasOne<CioDispatch>().WithMany(d => d.Kpis).HasForeignKey(k => k.DispatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
