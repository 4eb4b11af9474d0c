namespace Marketplace.Data.Configurations;

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public const int MotivationMax = 4_000;

    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.ToTable("Applications");
        b.Property(a => a.Stage).HasMaxLength(20).IsRequired();
        b.Property(a => a.Motivation).HasMaxLength(MotivationMax);
        b.Property(a => a.Version).IsConcurrencyToken();
        // One application per expert and opening, enforced by the database so that double submits cannot slip through.
        b.HasIndex(a => new { a.OpeningId, a.ExpertProfileId }).IsUnique();
        b.HasIndex(a => a.ExpertProfileId);
        b.HasOne(a => a.Opening).WithMany().HasForeignKey(a => a.OpeningId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Expert).WithMany().HasForeignKey(a => a.ExpertProfileId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Messages).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ApplicationStageChangeConfiguration : IEntityTypeConfiguration<ApplicationStageChange>
{
    public void Configure(EntityTypeBuilder<ApplicationStageChange> b)
    {
        b.Property(h => h.FromStage).HasMaxLength(20);
        b.Property(h => h.ToStage).HasMaxLength(20).IsRequired();
        b.Property(h => h.Reason).HasMaxLength(1_000);
        b.HasIndex(h => h.ApplicationId);
    }
}

public sealed class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public const int BodyMax = 4_000;

    public void Configure(EntityTypeBuilder<ApplicationMessage> b)
    {
        b.Property(m => m.Body).HasMaxLength(BodyMax).IsRequired();
        b.HasIndex(m => new { m.ApplicationId, m.SentAt });
    }
}

public sealed class VendorContractConfiguration : IEntityTypeConfiguration<VendorContract>
{
    public void Configure(EntityTypeBuilder<VendorContract> b)
    {
        b.Property(v => v.VendorName).HasMaxLength(200).IsRequired();
        b.Property(v => v.CorporateNumber).HasMaxLength(13).IsRequired();
        b.Property(v => v.Description).HasMaxLength(1_000);
        b.HasIndex(v => new { v.OrganizationId, v.CorporateNumber });
        b.HasOne(v => v.Organization).WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CareerEntryConfiguration : IEntityTypeConfiguration<CareerEntry>
{
    public void Configure(EntityTypeBuilder<CareerEntry> b)
    {
        b.Property(c => c.Organization).HasMaxLength(200).IsRequired();
        b.Property(c => c.Role).HasMaxLength(200).IsRequired();
        b.HasIndex(c => c.ExpertProfileId);
    }
}
