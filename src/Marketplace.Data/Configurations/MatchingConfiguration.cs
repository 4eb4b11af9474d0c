namespace Marketplace.Data.Configurations;

public sealed class RankerModelConfiguration : IEntityTypeConfiguration<RankerModel>
{
    public void Configure(EntityTypeBuilder<RankerModel> b)
    {
        b.Property(m => m.VersionId).HasMaxLength(100).IsRequired();
        b.Property(m => m.Kind).HasMaxLength(20).IsRequired();
        b.Property(m => m.Decision).HasMaxLength(500);
        b.Property(m => m.ColdStartReason).HasMaxLength(500);
        b.Property(m => m.ColdStartReasonEn).HasMaxLength(500);
        b.HasIndex(m => m.IsCurrent);
    }
}

public sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> b)
    {
        b.Property(r => r.Progress).HasMaxLength(500);
        b.Property(r => r.Error).HasMaxLength(2_000);
        b.HasIndex(r => r.QueuedAt);
    }
}

public sealed class ExpertInvitationConfiguration : IEntityTypeConfiguration<ExpertInvitation>
{
    public void Configure(EntityTypeBuilder<ExpertInvitation> b)
    {
        b.Property(i => i.Message).HasMaxLength(2_000);
        b.HasIndex(i => new { i.OpeningId, i.ExpertProfileId }).IsUnique();
        b.HasIndex(i => i.ExpertProfileId);
        b.HasOne(i => i.Opening).WithMany().HasForeignKey(i => i.OpeningId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Expert).WithMany().HasForeignKey(i => i.ExpertProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatchingChangeConfiguration : IEntityTypeConfiguration<MatchingChange>
{
    public void Configure(EntityTypeBuilder<MatchingChange> b)
    {
        b.HasOne(c => c.Expert).WithMany().HasForeignKey(c => c.ExpertProfileId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => c.ExpertProfileId);
    }
}
