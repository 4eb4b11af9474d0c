namespace Marketplace.Web.Pages.Admin.Dispatch;

/// <summary>Creates a round or changes its dates, limits, eligibility, budget and incentive rules.</summary>
public sealed class RoundEditModel(RoundService rounds, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    [BindProperty]
    public string? Token { get; set; }

    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            // A fresh round starts from the usual shape of the scheme: April start, 6 to 24 months.
            var year = Features.Dispatch.IncentiveCalculator.FiscalYearOf(Localization.DisplayFormatter.TodayInJapan(clock)) + 1;
            Input = new RoundInput
            {
                FiscalYear = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MinTermMonths = "6", MaxTermMonths = "24", MaxTotalMonths = "36",
                AllowFullTime = true, AllowPartTime = true,
                EligibleKinds = ["city", "town", "village"],
                BandFrom = ["0", "0.4", "0.7", null, null], BandRate = ["80", "70", "50", null, null],
            };
            return Page();
        }
        var round = await rounds.FindAsync(id.Value, ct);
        if (round is null) return NotFound();
        Input = rounds.InputOf(round);
        Token = HttpContext.RequestServices.GetRequiredService<Marketplace.Data.MarketplaceDbContext>().ConcurrencyTokenOf(round);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        var result = await rounds.SaveAsync(id, Input, Token, ct);
        return await this.OutcomeAtAsync(result, t["Round_Saved"].Value, $"/admin/dispatch/rounds/{result.Id}",
            this.PageAgain(), prefix: "Input", clearFirst: true);
    }

    public static readonly OrganizationKind[] Kinds = Enum.GetValues<OrganizationKind>();
}
