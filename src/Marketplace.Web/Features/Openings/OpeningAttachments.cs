namespace Marketplace.Web.Features.Openings;

/// <summary>
/// PDFs (募集要項) published with an opening, checked like call attachments (<see cref="PdfFiles"/>). Staff add and
/// remove them while their opening is a draft or published; another government's opening is not found. The public
/// sees them only while the opening itself is public (published or closed).
/// </summary>
public sealed class OpeningAttachments(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<AttachmentInfo>> ListAsync(int openingId, CancellationToken ct = default) =>
        db.OpeningAttachments.Where(a => a.OpeningId == openingId).OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.SizeBytes)).ToListAsync(ct);

    /// <summary>Whether staff may still add or remove attachments: not once the opening is closed or cancelled.</summary>
    public static bool Changeable(Opening o) => o.Status is OpeningStatus.Draft or OpeningStatus.Published;

    public async Task<ServiceResult<AttachmentInfo>> AddAsync(int organizationId, int id, IFormFile? file, CancellationToken ct = default)
    {
        var opening = await db.Openings.FirstOrDefaultAsync(o => o.Id == id && o.OrganizationId == organizationId, ct);
        if (opening is null) return ServiceResult<AttachmentInfo>.NotFound;
        if (!Changeable(opening)) return ServiceResult<AttachmentInfo>.Fail(t["Opening_NotEditable"]);
        var (pdf, errors) = await PdfFiles.AttachAsync<OpeningAttachment>(file, await db.OpeningAttachments.CountAsync(a => a.OpeningId == id, ct), t, Now, ct);
        if (pdf is null) return ServiceResult<AttachmentInfo>.Invalid(errors!);
        pdf.OpeningId = id;
        db.OpeningAttachments.Add(pdf);
        await db.SaveChangesAsync(ct);
        return ServiceResult<AttachmentInfo>.Ok(new AttachmentInfo(pdf.Id, pdf.FileName, pdf.SizeBytes));
    }

    public async Task<ServiceResult<bool>> RemoveAsync(int organizationId, int id, int attachmentId, CancellationToken ct = default)
    {
        var opening = await db.Openings.FirstOrDefaultAsync(o => o.Id == id && o.OrganizationId == organizationId, ct);
        var attachment = opening is null ? null : await db.OpeningAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.OpeningId == id, ct);
        if (attachment is null) return ServiceResult<bool>.NotFound;
        if (!Changeable(opening!)) return ServiceResult<bool>.Fail(t["Opening_NotEditable"]);
        db.OpeningAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>An attachment for its own government's staff, whatever the opening's state.</summary>
    public Task<OpeningAttachment?> OwnAsync(int organizationId, int id, int attachmentId, CancellationToken ct = default) =>
        db.OpeningAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.OpeningId == id
            && db.Openings.Any(o => o.Id == id && o.OrganizationId == organizationId), ct);

    /// <summary>An attachment for everyone, only while its opening is published or closed (never a draft or a cancelled one).</summary>
    public Task<OpeningAttachment?> PublicAsync(int id, int attachmentId, CancellationToken ct = default) =>
        db.OpeningAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.OpeningId == id
            && db.Openings.Any(o => o.Id == id && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed)), ct);
}
