namespace Marketplace.Web.Pages.Cases.Advice;

/// <summary>The advice requests the signed-in user's side sent or received.</summary>
[Authorize]
public sealed class IndexModel(AdviceService advice) : PageModel
{
    public List<AdviceRequest> Items { get; private set; } = [];
    public AdviceParty Me { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = User.AdviceParty();
        Items = await advice.ListAsync(Me, ct);
    }
}
