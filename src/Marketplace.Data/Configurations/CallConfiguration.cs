namespace Marketplace.Data.Configurations;

public sealed class ProposalCallConfiguration : IEntityTypeConfiguration<ProposalCall>
{
    public const int TitleMax = 200;
    public const int TextMax = 20_000;
    public const int NotesMax = 1_000;

    public void Configure(EntityTypeBuilder<ProposalCall> b)
    {
        b.ToTable("ProposalCalls");
        b.Property(c => c.Title).HasMaxLength(TitleMax).IsRequired();
        b.Property(c => c.Purpose).HasMaxLength(TextMax).IsRequired();
        b.Property(c => c.Scope).HasMaxLength(TextMax).IsRequired();
        b.Property(c => c.OnsiteNotes).HasMaxLength(NotesMax);
        b.Property(c => c.EarlyAwardReason).HasMaxLength(NotesMax);
        b.Property(c => c.Department).HasMaxLength(OpeningConfiguration.DepartmentMax);
        b.Property(c => c.ServesCode).HasMaxLength(40);
        b.Property(c => c.ServesDetail).HasMaxLength(OpeningConfiguration.DepartmentMax);
        b.Property(c => c.SearchText).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Roles).WithOne().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Criteria).WithOne().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Proposal>().WithMany().HasForeignKey(c => c.AwardedProposalId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.SupplierName).HasMaxLength(200);
        b.Property(c => c.SupplierCorporateNumber).HasMaxLength(13);
        b.HasOne<VendorCompany>().WithMany().HasForeignKey(c => c.SupplierVendorCompanyId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.Status, c.SubmissionDeadline });
        b.HasIndex(c => c.OrganizationId);
    }
}

public sealed class CallRoleConfiguration : IEntityTypeConfiguration<CallRole>
{
    public void Configure(EntityTypeBuilder<CallRole> b)
    {
        b.Property(r => r.Name).HasMaxLength(100).IsRequired();
    }
}

public sealed class EvaluationCriterionConfiguration : IEntityTypeConfiguration<EvaluationCriterion>
{
    public void Configure(EntityTypeBuilder<EvaluationCriterion> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.Description).HasMaxLength(1_000);
    }
}

/// <summary>The columns every stored PDF shares (see <see cref="StoredPdf"/>); its owner's configuration maps the link.</summary>
public abstract class StoredPdfConfiguration<T> : IEntityTypeConfiguration<T> where T : StoredPdf
{
    public virtual void Configure(EntityTypeBuilder<T> b)
    {
        b.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        b.Property(a => a.Content).IsRequired();
    }
}

public sealed class CallAttachmentConfiguration : StoredPdfConfiguration<CallAttachment>;

public sealed class ProposalAttachmentConfiguration : StoredPdfConfiguration<ProposalAttachment>;

public sealed class CallQuestionConfiguration : IEntityTypeConfiguration<CallQuestion>
{
    public const int BodyMax = 2_000;

    public void Configure(EntityTypeBuilder<CallQuestion> b)
    {
        b.Property(q => q.Body).HasMaxLength(BodyMax).IsRequired();
        b.Property(q => q.Answer).HasMaxLength(BodyMax * 2);
        b.HasOne(q => q.Call).WithMany().HasForeignKey(q => q.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VendorCompany>().WithMany().HasForeignKey(q => q.VendorCompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(q => new { q.CallId, q.AskedAt });
    }
}

public sealed class VendorStaffMemberConfiguration : IEntityTypeConfiguration<VendorStaffMember>
{
    public void Configure(EntityTypeBuilder<VendorStaffMember> b)
    {
        b.Property(m => m.FullName).HasMaxLength(100).IsRequired();
        b.Property(m => m.Qualifications).HasMaxLength(1_000);
        b.HasOne<VendorCompany>().WithMany().HasForeignKey(m => m.VendorCompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.ExpertProfile).WithMany().HasForeignKey(m => m.ExpertProfileId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => m.VendorCompanyId);
    }
}

public sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public const int ApproachMax = 20_000;

    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.ToTable("Proposals");
        b.Property(p => p.Approach).HasMaxLength(ApproachMax).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        // One proposal per vendor and call, enforced by the database so that a double submit cannot slip through.
        b.HasIndex(p => new { p.CallId, p.VendorCompanyId }).IsUnique();
        b.HasOne(p => p.Call).WithMany().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(p => p.VendorCompany).WithMany().HasForeignKey(p => p.VendorCompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Staffing).WithOne().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Attachments).WithOne().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProposalStaffingConfiguration : IEntityTypeConfiguration<ProposalStaffing>
{
    public void Configure(EntityTypeBuilder<ProposalStaffing> b)
    {
        b.HasIndex(s => new { s.ProposalId, s.CallRoleId }).IsUnique();
        b.HasOne<CallRole>().WithMany().HasForeignKey(s => s.CallRoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Member).WithMany().HasForeignKey(s => s.VendorStaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> b)
    {
        b.HasIndex(m => new { m.CallId, m.UserId }).IsUnique();
        b.HasOne<ProposalCall>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationScoreConfiguration : IEntityTypeConfiguration<EvaluationScore>
{
    public void Configure(EntityTypeBuilder<EvaluationScore> b)
    {
        b.Property(s => s.Comment).HasMaxLength(1_000);
        b.HasIndex(s => new { s.CommitteeMemberId, s.ProposalId, s.CriterionId }).IsUnique();
        b.HasOne<CommitteeMember>().WithMany().HasForeignKey(s => s.CommitteeMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}
