using Marketplace.Web.Features.PastResults;

namespace Marketplace.Web.Pages.PastResults;

/// <summary>
/// What differs between the kinds of past result: the service's check (unsaved) and record of the form, the facts the
/// confirmation step shows, and the public page of what was recorded with the title its notice names.
/// </summary>
public sealed record PastResultKind<TInput, TRecord>(
    Func<int?, TInput, CancellationToken, Task<ServiceResult<TRecord>>> Check,
    Func<int?, string, TInput, CancellationToken, Task<ServiceResult<TRecord>>> Record,
    Func<TRecord, List<KeyValuePair<string, string>>> Facts,
    Func<TRecord, (string Url, string Title)> PageOf);

/// <summary>
/// Form → confirmation → save, for staff (their own government) and the national office (any government, by 団体コード).
/// "step" is check (the form was sent), edit (back from the confirmation) or save (confirmed).
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.NationalOffice)]
public abstract class PastResultPage<TInput, TRecord>(Data.MarketplaceDbContext db, IStringLocalizer<SharedResource> t, PastResultKind<TInput, TRecord> kind) : StaffOrOfficePage(db)
    where TInput : class, new() where TRecord : class
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public List<KeyValuePair<string, string>>? Facts { get; private set; }
    public IReadOnlyDictionary<string, string> Understood { get; private set; } = new Dictionary<string, string>();

    /// <summary>The input's fields as name/value pairs, carried through the confirmation page in hidden fields.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Fields() =>
        typeof(TInput).GetProperties().Select(p => new KeyValuePair<string, string?>($"Input.{p.Name}", (string?)p.GetValue(Input)));


    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ForbidOrLoadAsync(ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? step, CancellationToken ct)
    {
        if (await ForbidOrLoadAsync(ct) is { } refused) return refused;
        if (step == "edit") return Page();
        var saving = step == "save";
        var result = saving ? await kind.Record(StaffOrganizationId, User.UserId()!, Input, ct) : await kind.Check(StaffOrganizationId, Input, ct);
        Understood = result.Understood;
        // A 403 itself, not the access-denied redirect: the account is allowed here, the government it named is not its own.
        if (result.Outcome == ServiceOutcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Outcome == ServiceOutcome.Invalid)
        {
            this.ShowRefusal(result, "Input", conflictIs409: false, invalidIs422: true);
            return Page();
        }
        if (saving && result.Value is { } saved)
        {
            var (url, title) = kind.PageOf(saved);
            TempData["Notice"] = t["Past_Recorded", title].Value;
            return Redirect(url);
        }
        Facts = result.Value is { } record && !saving ? kind.Facts(record) : null;
        return Page();
    }
}
