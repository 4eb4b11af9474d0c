namespace Marketplace.Web.Features.Calls;

public sealed class ProposalInput
{
    public string? Price { get; set; }
    /// <summary>"included" or "excluded": the basis the price is typed on; it is restated on the call's basis.</summary>
    public string? PriceBasis { get; set; }
    public string? Approach { get; set; }
    /// <summary>Call role id → the vendor staff member named for it.</summary>
    public Dictionary<int, int?> Staffing { get; set; } = [];
    public string? ConcurrencyToken { get; set; }
}

/// <summary>
/// A vendor's own proposal to a call. Submitting and editing stop at the submission deadline; the
/// whole proposal is checked first (price against the ceiling on the call's tax basis, one person
/// per required role, role combinations and own-employee rules) and nothing is saved when anything is wrong.
/// </summary>
public sealed class ProposalService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, Localization.DisplayFormatter fmt, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A call the public may see: published, awarded, or cancelled after publication.</summary>
    public Task<ProposalCall?> FindPublicCallAsync(int callId, CancellationToken ct = default) =>
        db.ProposalCalls.AsNoTracking().Include(c => c.Roles).Include(c => c.Criteria).Include(c => c.Organization).ThenInclude(o => o!.Prefecture)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == callId && c.PublishedAt != null && c.Status != CallStatus.Draft, ct);

    public Task<Proposal?> FindOwnAsync(int companyId, int callId, CancellationToken ct = default) =>
        db.Proposals.Include(p => p.Staffing).ThenInclude(s => s.Member)
            .FirstOrDefaultAsync(p => p.CallId == callId && p.VendorCompanyId == companyId, ct);

    public Task<List<AttachmentInfo>> AttachmentsAsync(int proposalId, CancellationToken ct = default) =>
        db.ProposalAttachments.Where(a => a.ProposalId == proposalId).OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.SizeBytes)).ToListAsync(ct);

    public string TokenOf(Proposal p) => db.ConcurrencyTokenOf(p);

    public ProposalInput ToInput(Proposal p, ProposalCall call) => new()
    {
        Price = p.PriceYen.ToString(CultureInfo.InvariantCulture),
        PriceBasis = p.PriceTaxIncluded ? "included" : "excluded",
        Approach = p.Approach,
        Staffing = call.Roles.ToDictionary(r => r.Id, r => p.Staffing.FirstOrDefault(s => s.CallRoleId == r.Id)?.VendorStaffMemberId),
        ConcurrencyToken = db.ConcurrencyTokenOf(p),
    };

    public async Task<ServiceResult<Proposal>> SaveAsync(int companyId, string userId, int callId, ProposalInput input, CancellationToken ct = default)
    {
        var call = await FindPublicCallAsync(callId, ct);
        if (call is null || call.Status != CallStatus.Published) return ServiceResult<Proposal>.NotFound;
        if (Now >= call.SubmissionDeadline) return ServiceResult<Proposal>.Fail(t["Proposal_DeadlinePassed", DeadlineText(call)]);

        var proposal = await FindOwnAsync(companyId, callId, ct);
        var isNew = proposal is null;
        proposal ??= new Proposal { CallId = callId, VendorCompanyId = companyId, SubmittedAt = Now };
        if (!isNew) db.ExpectConcurrencyToken(proposal, input.ConcurrencyToken);

        var e = new Dictionary<string, string>();
        long price = 0;
        var includesTax = input.PriceBasis switch { "included" => true, "excluded" => false, _ => (bool?)null };
        if (includesTax is null) e[nameof(input.PriceBasis)] = t["Val_Choose", t["Proposal_Field_PriceBasis"]];
        if (string.IsNullOrWhiteSpace(input.Price)) e.TryAdd(nameof(input.Price), t["Val_Required", t["Proposal_Field_Price"]]);
        else if (!JapaneseText.TryParseYen(input.Price, out price)) e.TryAdd(nameof(input.Price), t["Val_Yen", t["Proposal_Field_Price"]]);
        else if (price <= 0 || price > CallService.MaxCeilingYen) e.TryAdd(nameof(input.Price), t["Proposal_Val_PricePositive"]);
        long onCallBasis = 0;
        if (!e.ContainsKey(nameof(input.Price)) && includesTax is { } inc)
        {
            onCallBasis = ConsumptionTax.OnBasis(price, inc, call.CeilingTaxIncluded);
            if (onCallBasis > call.CeilingYen)
            {
                e[nameof(input.Price)] = t["Proposal_Val_OverCeiling", Yen(onCallBasis), Basis(call.CeilingTaxIncluded), Yen(call.CeilingYen)];
            }
        }

        var approach = input.Approach?.Trim() ?? "";
        if (approach.Length == 0) e[nameof(input.Approach)] = t["Val_Required", t["Proposal_Field_Approach"]];
        else if (approach.Length > ProposalConfiguration.ApproachMax) e[nameof(input.Approach)] = t["Val_TooLong", t["Proposal_Field_Approach"], ProposalConfiguration.ApproachMax, approach.Length];

        var staff = await db.VendorStaffMembers.AsNoTracking().Where(m => m.VendorCompanyId == companyId).ToDictionaryAsync(m => m.Id, ct);
        var named = new List<(CallRole Role, VendorStaffMember Member)>();
        foreach (var role in call.Roles.OrderBy(r => r.SortOrder))
        {
            var field = $"Staffing[{role.Id}]";
            if (!input.Staffing.TryGetValue(role.Id, out var memberId) || memberId is null)
            {
                e[field] = t["Proposal_Val_RoleUnfilled", role.Name];
                continue;
            }
            if (!staff.TryGetValue(memberId.Value, out var member))
            {
                e[field] = t["Val_Choose", role.Name];
                continue;
            }
            if (role.MustBeOwnEmployee && !member.IsEmployee) e[field] = t["Proposal_Val_MustBeEmployee", role.Name, member.FullName];
            named.Add((role, member));
        }
        foreach (var group in named.GroupBy(n => n.Member.Id).Where(g => g.Count() > 1))
        {
            var fixedRoles = group.Where(g => !g.Role.MayCombine).ToList();
            if (fixedRoles.Count == 0) continue;
            var roleNames = string.Join(t["ListSeparator"], group.Select(g => g.Role.Name));
            e.TryAdd($"Staffing[{fixedRoles[0].Role.Id}]", t["Proposal_Val_RolesNotCombinable", group.First().Member.FullName, roleNames, string.Join(t["ListSeparator"], fixedRoles.Select(f => f.Role.Name))]);
        }

        if (e.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<Proposal>.Invalid(e);
        }

        proposal.PriceYen = price;
        proposal.PriceTaxIncluded = includesTax!.Value;
        proposal.PriceOnCallBasisYen = onCallBasis;
        proposal.Approach = approach;
        proposal.SubmittedByUserId = userId;
        proposal.UpdatedAt = Now;
        db.ProposalStaffing.RemoveRange(proposal.Staffing);
        proposal.Staffing = named.Select(n => new ProposalStaffing { CallRoleId = n.Role.Id, VendorStaffMemberId = n.Member.Id }).ToList();
        if (isNew) db.Proposals.Add(proposal);
        // A concurrent save of the same proposal (stale token, or a second "new" from another tab).
        return await db.SaveOrRefuseStaleAsync(t, proposal, ct, duplicateIsStale: true);
    }

    /// <summary>Withdraws the proposal before the deadline, attachments and all.</summary>
    public async Task<ServiceResult<bool>> WithdrawAsync(int companyId, int callId, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.Include(p => p.Call).FirstOrDefaultAsync(p => p.CallId == callId && p.VendorCompanyId == companyId, ct);
        if (proposal is null) return ServiceResult<bool>.NotFound;
        if (ChangeRefused(proposal.Call!) is { } refusal) return ServiceResult<bool>.Fail(refusal);
        db.Proposals.Remove(proposal);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<ServiceResult<AttachmentInfo>> AddAttachmentAsync(int companyId, int callId, IFormFile? file, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.Include(p => p.Call).FirstOrDefaultAsync(p => p.CallId == callId && p.VendorCompanyId == companyId, ct);
        if (proposal is null) return ServiceResult<AttachmentInfo>.NotFound;
        if (ChangeRefused(proposal.Call!) is { } refusal) return ServiceResult<AttachmentInfo>.Fail(refusal);
        var (pdf, errors) = await PdfFiles.AttachAsync<ProposalAttachment>(file, await db.ProposalAttachments.CountAsync(a => a.ProposalId == proposal.Id, ct), t, Now, ct);
        if (pdf is null) return ServiceResult<AttachmentInfo>.Invalid(errors!);
        pdf.ProposalId = proposal.Id;
        db.ProposalAttachments.Add(pdf);
        proposal.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return ServiceResult<AttachmentInfo>.Ok(new AttachmentInfo(pdf.Id, pdf.FileName, pdf.SizeBytes));
    }

    public async Task<ServiceResult<bool>> RemoveAttachmentAsync(int companyId, int callId, int attachmentId, CancellationToken ct = default)
    {
        var attachment = await db.ProposalAttachments
            .FirstOrDefaultAsync(a => a.Id == attachmentId && db.Proposals.Any(p => p.Id == a.ProposalId && p.CallId == callId && p.VendorCompanyId == companyId), ct);
        if (attachment is null) return ServiceResult<bool>.NotFound;
        var call = await db.ProposalCalls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        if (ChangeRefused(call) is { } refusal) return ServiceResult<bool>.Fail(refusal);
        db.ProposalAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>An attachment of the company's own proposal.</summary>
    public Task<ProposalAttachment?> OwnAttachmentAsync(int companyId, int callId, int attachmentId, CancellationToken ct = default) =>
        db.ProposalAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && db.Proposals.Any(p => p.Id == a.ProposalId && p.CallId == callId && p.VendorCompanyId == companyId), ct);

    /// <summary>Published answers of a call, without who asked.</summary>
    public Task<List<CallQuestion>> PublishedAnswersAsync(int callId, CancellationToken ct = default) =>
        db.CallQuestions.AsNoTracking().Where(q => q.CallId == callId && q.Answer != null)
            .OrderBy(q => q.AnsweredAt).ThenBy(q => q.Id).ToListAsync(ct);

    public Task<CallAttachment?> PublicAttachmentAsync(int callId, int attachmentId, CancellationToken ct = default) =>
        db.CallAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CallId == callId
            && db.ProposalCalls.Any(c => c.Id == callId && c.PublishedAt != null && c.Status != CallStatus.Draft), ct);

    private string DeadlineText(ProposalCall c) => fmt.DateTime(c.SubmissionDeadline);

    /// <summary>Why a vendor can no longer change, add to or withdraw a proposal: the call was cancelled or its deadline passed.</summary>
    private string? ChangeRefused(ProposalCall call)
    {
        if (call.Status == CallStatus.Cancelled) return t["Proposal_CallCancelled"].Value;
        return Now >= call.SubmissionDeadline ? t["Proposal_DeadlinePassed", DeadlineText(call)].Value : null;
    }

    private string Basis(bool included) => included ? t["Call_TaxIncluded"] : t["Call_TaxExcluded"];

    private string Yen(long v) => fmt.Yen(v);
}
