namespace Marketplace.Web.Features.Matching;

/// <summary>Staff invite a recommended expert to apply to one of their own openings.</summary>
public sealed class InvitationService(MarketplaceDbContext db, Notifier notifier, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public async Task<(bool Ok, string? Error, bool NotFound)> InviteAsync(int organizationId, string staffUserId, int openingId, int expertProfileId, string? message, CancellationToken ct = default)
    {
        var opening = await db.Openings.Include(o => o.Organization)
            .FirstOrDefaultAsync(o => o.Id == openingId && o.OrganizationId == organizationId, ct);
        if (opening is null) return (false, null, true);
        // Only someone staff may see: a profile made visible to staff, or an applicant to this opening.
        var expert = await db.ExpertProfiles.Include(e => e.User)
            .FirstOrDefaultAsync(e => e.Id == expertProfileId && e.UserId != null && e.AnonymizedAt == null
                && (e.Visibility == ProfileVisibility.VisibleToStaff || db.Applications.Any(a => a.OpeningId == openingId && a.ExpertProfileId == e.Id)), ct);
        if (expert is null) return (false, null, true);
        if (opening.Status != OpeningStatus.Published || opening.ApplicationDeadline < DisplayFormatter.TodayInJapan(clock))
            return (false, t["Invite_OpeningNotOpen"], false);
        if (await db.ExpertInvitations.AnyAsync(i => i.OpeningId == openingId && i.ExpertProfileId == expertProfileId, ct))
            return (false, t["Invite_AlreadyInvited"], false);
        if (await db.Applications.AnyAsync(a => a.OpeningId == openingId && a.ExpertProfileId == expertProfileId, ct))
            return (false, t["Invite_AlreadyApplied"], false);
        var text = message?.Trim() ?? "";
        if (text.Length > 2_000) return (false, t["Val_TooLong", t["Field_Message"], 2_000, text.Length], false);

        db.ExpertInvitations.Add(new ExpertInvitation
        {
            OpeningId = openingId,
            ExpertProfileId = expertProfileId,
            InvitedByUserId = staffUserId,
            Message = text,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await notifier.ToUserAsync(expert.User!, NotificationKinds.ExpertInvitation, (t, site) => new MailContent(
            t["Mail_ApplyInvite_Subject", opening.Organization!.NameJa],
            t["Mail_ApplyInvite_Body", expert.FullName, opening.Organization.NameJa, opening.Title, text, $"{site}/openings/{opening.Id}"]), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (false, t["Invite_AlreadyInvited"], false);
        }
        return (true, null, false);
    }

    public Task<List<ExpertInvitation>> ForExpertAsync(string userId, CancellationToken ct = default) =>
        db.ExpertInvitations.AsNoTracking().Include(i => i.Opening).ThenInclude(o => o!.Organization)
            .Where(i => i.Expert!.UserId == userId).OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
}
