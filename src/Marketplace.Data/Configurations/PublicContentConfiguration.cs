namespace Marketplace.Data.Configurations;

public sealed class PublicContentChangeConfiguration : IEntityTypeConfiguration<PublicContentChange>
{
    public void Configure(EntityTypeBuilder<PublicContentChange> b)
    {
        b.ToTable("PublicContentChanges");
        b.HasKey(x => x.Id);
    }
}

public sealed class PostingCorrectionConfiguration : IEntityTypeConfiguration<PostingCorrection>
{
    public const int ReasonMax = 500;

    public void Configure(EntityTypeBuilder<PostingCorrection> b)
    {
        b.ToTable("PostingCorrections");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(ReasonMax);
        b.Property(x => x.CorrectedByUserId).HasMaxLength(450);
        b.HasOne(x => x.Opening).WithMany().HasForeignKey(x => x.OpeningId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Call).WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OpeningId, x.CorrectedAt });
        b.HasIndex(x => new { x.CallId, x.CorrectedAt });
    }
}
