namespace Marketplace.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.Property(s => s.UserAgent).HasMaxLength(200);
        b.HasIndex(s => s.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.ActorUserId).HasMaxLength(450);
        b.Property(a => a.Action).HasMaxLength(60).IsRequired();
        b.Property(a => a.SubjectType).HasMaxLength(40).IsRequired();
        b.Property(a => a.SubjectId).HasMaxLength(100);
        b.Property(a => a.Detail).HasMaxLength(500);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.OrganizationId, a.At });
    }
}
