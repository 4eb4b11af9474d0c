namespace Marketplace.Data.Configurations;

public sealed class ExpertProfileConfiguration : IEntityTypeConfiguration<ExpertProfile>
{
    public void Configure(EntityTypeBuilder<ExpertProfile> b)
    {
        b.Property(p => p.FullName).HasMaxLength(100).IsRequired();
        b.Property(p => p.Phone).HasMaxLength(30);
        b.Property(p => p.HomePrefectureCode).HasMaxLength(2).IsRequired();
        b.Property(p => p.Summary).HasMaxLength(10_000);
        b.Property(p => p.VendorAffiliationName).HasMaxLength(200);
        b.Property(p => p.VendorCorporateNumber).HasMaxLength(13);
        b.HasIndex(p => p.UserId).IsUnique();
        b.HasIndex(p => p.VendorCorporateNumber);
        // Deleting the account leaves the anonymised profile (see AccountDeletion) rather than the row going with it.
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.Skills).WithOne().HasForeignKey(s => s.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Career).WithOne().HasForeignKey(c => c.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ExpertSkillConfiguration : IEntityTypeConfiguration<ExpertSkill>
{
    public void Configure(EntityTypeBuilder<ExpertSkill> b)
    {
        b.HasKey(s => new { s.ExpertProfileId, s.SkillCode });
        b.Property(s => s.SkillCode).HasMaxLength(40);
    }
}
