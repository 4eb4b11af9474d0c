using Marketplace.Web.Features.PayBenchmark;

namespace Marketplace.Web.Pages.Manage.Openings;

/// <summary>Creates (route /manage/openings/new) and edits an opening of the staff member's own government.</summary>
public sealed class EditModel(OpeningService openings, IStringLocalizer<SharedResource> t, PayBenchmarkService benchmark, PayBenchmarkDisplay benchmarkText) : PageModel
{
    [BindProperty]
    public OpeningInput Input { get; set; } = new();

    public int? Id { get; private set; }
    /// <summary>The opening is published: saving corrects it publicly and needs a reason.</summary>
    public bool IsCorrection { get; private set; }
    public List<RecruitmentNotice> Notices { get; private set; } = [];
    /// <summary>Amounts and terms as they were read, shown beside their fields ("読み取った金額：273,800円").</summary>
    public IReadOnlyDictionary<string, string> Understood { get; private set; } = new Dictionary<string, string>();
    /// <summary>Where the form's pay stands among comparable postings (the script updates it as staff type).</summary>
    public string BenchmarkText { get; private set; } = "";

    private int OrganizationId => User.OrganizationId()!.Value;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Notices = await openings.NoticesAsync(OrganizationId, ct);
        if (id is not null)
        {
            var opening = await openings.FindOwnAsync(OrganizationId, id.Value, ct);
            if (opening is null) return NotFound();
            Input = openings.ToInput(opening);
            IsCorrection = opening.Status == OpeningStatus.Published;
        }
        await DescribePayAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        IsCorrection = id is not null && await openings.IsPublishedAsync(OrganizationId, id.Value, ct);
        // A value that could not even be bound (e.g. a crafted non-boolean checkbox) stops the save outright.
        if (!ModelState.IsValid) return await FormAgainAsync(ct);
        var result = id is null
            ? await openings.CreateAsync(OrganizationId, User.UserId()!, Input, ct)
            : await openings.UpdateAsync(OrganizationId, id.Value, User.UserId()!, Input, ct);
        var notice = string.Join(' ', [(id is null ? t["Opening_Created"] : IsCorrection ? t["Opening_Corrected"] : t["Opening_Saved"]).Value, .. result.Understood.Values]);
        return await this.OutcomeAtAsync(result, notice, $"/manage/openings/{result.Value?.Id}", () =>
        {
            Understood = result.Understood;
            return FormAgainAsync(ct);
        }, prefix: "Input", conflictIs409: true);
    }

    /// <summary>The form shown again with what it shows beside the fields: the notices to link and the pay's benchmark position.</summary>
    private async Task<IActionResult> FormAgainAsync(CancellationToken ct)
    {
        Notices = await openings.NoticesAsync(OrganizationId, ct);
        await DescribePayAsync(ct);
        return Page();
    }

    private async Task DescribePayAsync(CancellationToken ct)
    {
        var position = await benchmark.PositionOfAsync(PayQuery.From(Input), ct);
        BenchmarkText = position is null ? benchmarkText.EnterPayText() : benchmarkText.Describe(position);
    }
}
