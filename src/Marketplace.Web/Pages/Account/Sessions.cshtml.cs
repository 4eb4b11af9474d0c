namespace Marketplace.Web.Pages.Account;

/// <summary>The browsers signed in to this account, each of which can be signed out from here.</summary>
[Authorize]
public sealed class SessionsModel(SessionStore sessions, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<UserSession> Sessions { get; private set; } = [];
    public string? Current { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = SessionStore.SessionOf(User);
        Sessions = await sessions.ListAsync(User.UserId()!, ct);
    }

    public async Task<IActionResult> OnPostEndAsync(string? id, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(id)) await sessions.EndAsync(User.UserId()!, id, ct);
        TempData["Notice"] = t["Sessions_Ended"].Value;
        return LocalRedirect(id == SessionStore.SessionOf(User) ? "/" : "/account/sessions");
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        await sessions.EndAllAsync(User.UserId()!, keep: SessionStore.SessionOf(User), ct: ct);
        TempData["Notice"] = t["Sessions_Ended"].Value;
        return LocalRedirect("/account/sessions");
    }
}
