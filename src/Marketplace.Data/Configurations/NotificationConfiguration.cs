namespace Marketplace.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Kind).HasMaxLength(50).IsRequired();
        b.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(500).IsRequired();
        b.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(1_000);
        b.Property(m => m.ServerResponse).HasMaxLength(1_000);
        b.Property(m => m.LastError).HasMaxLength(2_000);
        b.HasIndex(m => m.MessageId).IsUnique();
        // The sender's query: due pending messages, oldest first.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.RecipientUserId);
    }
}

public sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.HasKey(s => s.UserId);
        b.Property(s => s.DisabledKinds).HasMaxLength(1_000);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.User).WithOne().HasForeignKey<NotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.Digest);
    }
}

public sealed class DigestItemConfiguration : IEntityTypeConfiguration<DigestItem>
{
    public void Configure(EntityTypeBuilder<DigestItem> b)
    {
        b.HasIndex(d => new { d.UserId, d.OpeningId }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Opening>().WithMany().HasForeignKey(d => d.OpeningId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> b)
    {
        b.Property(r => r.Kind).HasMaxLength(50).IsRequired();
        b.Property(r => r.SubjectKey).HasMaxLength(100).IsRequired();
        b.HasIndex(r => new { r.Kind, r.SubjectKey, r.UserId }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
