namespace Marketplace.Web.Pages.Manage.Applications;

/// <summary>One applicant to the government's own opening: profile with contact, conflict flag, stage moves, messages.</summary>
public sealed class DetailsModel(ApplicationService applications, ConflictOfInterest conflicts, MarketplaceDbContext db, IStringLocalizer<SharedResource> t,
    Marketplace.Web.Features.Security.AuditLog audit) : PageModel
{
    public Application Application { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public ConflictFlag? Flag { get; private set; }
    public IReadOnlyList<string> Moves { get; private set; } = [];
    public Dictionary<string, string> StaffNames { get; private set; } = [];
    public string? MessageError { get; private set; }

    /// <summary>A refused message as typed, shown again in the box so nothing is lost.</summary>
    public string? MessageBody { get; private set; }

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await applications.FindForStaffAsync(OrganizationId, id, ct);
        if (found is null) return NotFound();
        Application = found;
        await audit.WriteAsync(Marketplace.Web.Features.Security.AuditActions.ApplicationRead, "application", id, OrganizationId, ct: ct);
        Token = db.ConcurrencyTokenOf(found);
        Moves = Stages.StaffMovesFrom(found.Stage);
        Flag = (await conflicts.FlagsAsync(OrganizationId, [found.Expert!], ct)).GetValueOrDefault(found.ExpertProfileId);
        var staffIds = found.History.Where(h => h.ChangedByUserId is not null).Select(h => h.ChangedByUserId!).Distinct().ToList();
        StaffNames = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return Page();
    }

    /// <summary>The stage form posts here (no handler in the address, which an error page would otherwise keep).</summary>
    public Task<IActionResult> OnPostAsync(int id, string? toStage, string? reason, string? token, CancellationToken ct) =>
        OnPostMoveAsync(id, toStage, reason, token, ct);

    public async Task<IActionResult> OnPostMoveAsync(int id, string? toStage, string? reason, string? token, CancellationToken ct)
    {
        var result = await applications.StaffMoveAsync(OrganizationId, User.UserId()!, id, toStage, reason, token, ct);
        return await this.OutcomeAsync(result, t["Applicant_Moved", t[$"Stage_{toStage}"]].Value, new { id }, () => OnGetAsync(id, ct), conflictIs409: true);
    }

    public async Task<IActionResult> OnPostMessageAsync(int id, string? body, CancellationToken ct) =>
        await this.OutcomeAsync(await applications.StaffMessageAsync(OrganizationId, User.UserId()!, id, body, ct), t["Application_MessageSent"].Value, new { id }, refused =>
        {
            MessageError = refused.FirstError;
            MessageBody = body;
            return OnGetAsync(id, ct);
        });
}
