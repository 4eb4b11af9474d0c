using Microsoft.AspNetCore.OutputCaching;
using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Pages.Calls;

/// <summary>A published call as everyone sees it: terms, attachments, published answers and, once awarded, the result.</summary>
[OutputCache(PolicyName = PublicCacheSetup.Policy)]
public sealed class DetailsModel(ProposalService proposals, CallService calls, EvaluationService evaluation, VendorService vendors, PostingCorrections corrections) : PageModel
{
    public ProposalCall Call { get; private set; } = null!;
    public List<AttachmentInfo> Attachments { get; private set; } = [];
    public List<CallQuestion> Answers { get; private set; } = [];
    public List<CorrectionEntry> Corrections { get; private set; } = [];
    public PublicResult? Result { get; private set; }
    public bool IsVendor { get; private set; }
    public bool HasOwnProposal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = await proposals.FindPublicCallAsync(id, ct);
        if (call is null) return NotFound();
        Call = call;
        Attachments = await calls.AttachmentsAsync(id, ct);
        Answers = await proposals.PublishedAnswersAsync(id, ct);
        Result = await evaluation.PublicResultAsync(call, ct);
        Corrections = await corrections.ForCallAsync(id, ct);
        IsVendor = User.IsInRole(Roles.Vendor);
        if (IsVendor && await vendors.CompanyIdAsync(User.UserId()!, ct) is { } companyId)
        {
            HasOwnProposal = await proposals.FindOwnAsync(companyId, id, ct) is not null;
        }
        return Page();
    }
}
