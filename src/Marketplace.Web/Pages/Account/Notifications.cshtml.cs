namespace Marketplace.Web.Pages.Account;

/// <summary>/account/notifications: the signed-in user's own choice of mail. No parameter names a user.</summary>
[Authorize]
public sealed class NotificationsModel(NotificationPreferences preferences, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<NotificationKind> Kinds { get; private set; } = [];
    public HashSet<string> Disabled { get; private set; } = [];
    public DigestFrequency Digest { get; private set; }
    public DateTime? LastDigestAt { get; private set; }
    public string Token { get; private set; } = "";
    public bool IsExpert => User.IsInRole(Roles.Expert);

    private IEnumerable<string> MyRoles => Roles.All.Where(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string[]? enabled, string? digest, string? token, CancellationToken ct)
    {
        var frequency = DigestFrequency.Off;
        if (IsExpert && (!Enum.TryParse(digest, ignoreCase: true, out frequency) || !Enum.IsDefined(frequency)))
        {
            ModelState.AddModelError("digest", t["Val_Choose", t["Notify_DigestLegend"]]);
            await LoadAsync(ct);
            return Page();
        }
        if (!await preferences.SaveAsync(User.UserId()!, MyRoles, enabled ?? [], frequency, token, ct))
        {
            ModelState.AddModelError("", t["ChangedBySomeoneElse"]);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = t["Notify_Saved"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var settings = await preferences.GetAsync(User.UserId()!, ct);
        Kinds = NotificationKinds.SwitchableFor(MyRoles).ToList();
        Disabled = NotificationPreferences.Disabled(settings);
        Digest = settings.Digest;
        LastDigestAt = settings.LastDigestAt;
        Token = preferences.ConcurrencyTokenOf(settings);
    }
}
