namespace Marketplace.Data.Configurations;

public sealed class OpeningConfiguration : IEntityTypeConfiguration<Opening>
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 20_000;
    public const int DepartmentMax = 200;

    public void Configure(EntityTypeBuilder<Opening> b)
    {
        b.Property(o => o.RoleCode).HasMaxLength(40).IsRequired();
        b.Property(o => o.EngagementCode).HasMaxLength(40).IsRequired();
        b.Property(o => o.Title).HasMaxLength(TitleMax).IsRequired();
        b.Property(o => o.Description).HasMaxLength(DescriptionMax).IsRequired();
        b.Property(o => o.Rank).HasMaxLength(100);
        b.Property(o => o.Department).HasMaxLength(DepartmentMax);
        b.Property(o => o.ServesCode).HasMaxLength(40);
        b.Property(o => o.ServesDetail).HasMaxLength(DepartmentMax);
        b.Property(o => o.TermNotes).HasMaxLength(1000);
        b.Property(o => o.PayNotes).HasMaxLength(1000);
        b.Property(o => o.WorkLocation).HasMaxLength(300);
        b.Property(o => o.WorkStyleNotes).HasMaxLength(1000);
        b.Property(o => o.SearchText).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Property(o => o.AppointeeName).HasMaxLength(100);
        b.HasOne<ExpertProfile>().WithMany().HasForeignKey(o => o.AppointeeExpertProfileId).OnDelete(DeleteBehavior.SetNull);

        b.HasOne(o => o.Organization).WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Notice).WithMany(n => n.Openings).HasForeignKey(o => o.NoticeId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(o => o.Skills).WithOne().HasForeignKey(s => s.OpeningId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Attachments).WithOne().HasForeignKey(a => a.OpeningId).OnDelete(DeleteBehavior.Cascade);

        // The public search walks one of these in its sort order and stops after a page (or the capped count) of
        // matches; each carries every filtered column, so a posting's wide row (description, duties, search text) is
        // read only for the 20 results shown.
        b.HasIndex(o => new
            {
                o.Status, o.PublishedAt, o.Id, o.ApplicationDeadline, o.DayRateYen, o.OrganizationId, o.RoleCode, o.EngagementCode,
                o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
            })
            .HasDatabaseName("IX_Openings_Search_Newest");
        b.HasIndex(o => new
            {
                o.Status, o.ApplicationDeadline, o.Id, o.PublishedAt, o.DayRateYen, o.OrganizationId, o.RoleCode, o.EngagementCode,
                o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
            })
            .HasDatabaseName("IX_Openings_Search_Deadline");
        b.HasIndex(o => new
            {
                o.Status, o.DayRateYen, o.Id, o.ApplicationDeadline, o.PublishedAt, o.OrganizationId, o.RoleCode, o.EngagementCode,
                o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
            })
            .IsDescending(false, true, false, false, false, false, false, false, false, false, false)
            .HasDatabaseName("IX_Openings_Search_DayRate");
        // A search by prefecture starts from the prefecture's governments: their postings, again without the wide row.
        b.HasIndex(o => new
            {
                o.OrganizationId, o.Status, o.ApplicationDeadline, o.PublishedAt, o.DayRateYen, o.Id, o.RoleCode, o.EngagementCode,
                o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
            })
            .HasDatabaseName("IX_Openings_Search_Organization");
    }
}

public sealed class OpeningAttachmentConfiguration : StoredPdfConfiguration<OpeningAttachment>;

public sealed class OpeningSkillConfiguration : IEntityTypeConfiguration<OpeningSkill>
{
    public void Configure(EntityTypeBuilder<OpeningSkill> b)
    {
        b.HasKey(s => new { s.OpeningId, s.SkillCode });
        b.Property(s => s.SkillCode).HasMaxLength(40);
    }
}

public sealed class RecruitmentNoticeConfiguration : IEntityTypeConfiguration<RecruitmentNotice>
{
    public void Configure(EntityTypeBuilder<RecruitmentNotice> b)
    {
        b.Property(n => n.Title).HasMaxLength(OpeningConfiguration.TitleMax).IsRequired();
        b.HasOne(n => n.Organization).WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
