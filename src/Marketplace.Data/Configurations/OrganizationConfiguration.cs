namespace Marketplace.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Code).HasMaxLength(6).IsRequired();
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.PrefectureCode).HasMaxLength(2).IsRequired();
        b.Property(o => o.NameJa).HasMaxLength(100).IsRequired();
        b.Property(o => o.NameEn).HasMaxLength(100);
        b.HasOne(o => o.Prefecture).WithMany().HasForeignKey(o => o.PrefectureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PrefectureConfiguration : IEntityTypeConfiguration<Prefecture>
{
    public void Configure(EntityTypeBuilder<Prefecture> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(2);
        b.Property(p => p.NameJa).HasMaxLength(10).IsRequired();
        b.Property(p => p.NameEn).HasMaxLength(20).IsRequired();
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.PreferredCulture).HasMaxLength(10).HasDefaultValue("ja");
        b.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.VendorCompany).WithMany().HasForeignKey(u => u.VendorCompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.Status);
    }
}

public sealed class VendorCompanyConfiguration : IEntityTypeConfiguration<VendorCompany>
{
    public void Configure(EntityTypeBuilder<VendorCompany> b)
    {
        b.Property(v => v.Name).HasMaxLength(200).IsRequired();
        b.Property(v => v.CorporateNumber).HasMaxLength(13).IsRequired();
        b.Property(v => v.Address).HasMaxLength(300);
        b.Property(v => v.RepresentativeName).HasMaxLength(100);
        b.HasIndex(v => v.CorporateNumber).IsUnique();
    }
}

public sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> b)
    {
        b.Property(i => i.Email).HasMaxLength(256).IsRequired();
        b.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne(i => i.Organization).WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
