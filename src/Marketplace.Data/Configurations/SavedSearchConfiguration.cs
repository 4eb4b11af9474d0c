namespace Marketplace.Data.Configurations;

public sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.Query).HasMaxLength(1_000).IsRequired();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.UserId, s.Id });
        // The alert job's query: searches with alerts on.
        b.HasIndex(s => s.Frequency);
    }
}

public sealed class SavedSearchAlertItemConfiguration : IEntityTypeConfiguration<SavedSearchAlertItem>
{
    public void Configure(EntityTypeBuilder<SavedSearchAlertItem> b)
    {
        b.HasIndex(i => new { i.UserId, i.PostingKind, i.PostingId }).IsUnique();
        b.HasIndex(i => new { i.UserId, i.SentAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SavedSearch>().WithMany().HasForeignKey(i => i.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
    }
}
