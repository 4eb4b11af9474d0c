namespace Marketplace.Web.Features.Calls;

public sealed record StaffAccount(string UserId, string DisplayName);

public sealed record RankedProposal(Proposal Proposal, ProposalResult Result);

public sealed record Ranking(ProposalCall Call, IReadOnlyList<RankedProposal> Rows, IReadOnlyList<CommitteeMember> Members);

public sealed record PublicResult(string WinnerName, long ContractAmountYen, bool TaxIncluded, int ProposalCount, int MaxTotal, IReadOnlyList<(int Rank, decimal Total, bool Winner)> Totals, DateTime AwardedAt);

public sealed record OwnResult(ProposalResult Result, int ProposalCount, bool Won, IReadOnlyList<EvaluationCriterion> Criteria, int MaxTotal);

/// <summary>
/// Opening of sealed proposals, the committee, its scoring sheets, the ranking, the chair's confirmation and
/// the award. Staff methods take the caller's government; another government's call is not found.
/// Proposals stay sealed — not even counted — until the submission deadline passes.
/// </summary>
public sealed class EvaluationService(MarketplaceDbContext db, ConflictOfInterest conflicts, IStringLocalizer<SharedResource> t, TimeProvider clock, ProposalNotifications notify,
    DisplayFormatter fmt)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool IsSealed(ProposalCall call) => Now < call.SubmissionDeadline;

    public Task<ProposalCall?> FindOwnCallAsync(int organizationId, int callId, CancellationToken ct = default) =>
        db.ProposalCalls.Include(c => c.Roles).Include(c => c.Criteria).Include(c => c.Organization)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == organizationId, ct);

    /// <summary>The proposals of a call once the deadline has passed; null while they are sealed.</summary>
    public async Task<List<Proposal>?> OpenedProposalsAsync(ProposalCall call, CancellationToken ct = default)
    {
        if (IsSealed(call)) return null;
        return await db.Proposals.AsNoTracking().Include(p => p.VendorCompany).Include(p => p.Staffing).ThenInclude(s => s.Member)
            .AsSplitQuery().Where(p => p.CallId == call.Id).OrderBy(p => p.SubmittedAt).ThenBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<(ProposalCall Call, Proposal Proposal, Dictionary<int, ConflictFlag> Flags)?> OpenedProposalAsync(int organizationId, int callId, int proposalId, CancellationToken ct = default)
    {
        var call = await FindOwnCallAsync(organizationId, callId, ct);
        if (call is null || IsSealed(call)) return null;
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.VendorCompany).Include(p => p.Staffing).ThenInclude(s => s.Member).ThenInclude(m => m!.ExpertProfile)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == proposalId && p.CallId == callId, ct);
        if (proposal is null) return null;
        var experts = proposal.Staffing.Select(s => s.Member!.ExpertProfile).OfType<ExpertProfile>().DistinctBy(e => e.Id).ToList();
        var flags = await conflicts.WithAppointmentsAsync(organizationId, experts, ct);
        return (call, proposal, flags);
    }

    public async Task<ProposalAttachment?> OpenedAttachmentAsync(int organizationId, int callId, int proposalId, int attachmentId, CancellationToken ct = default)
    {
        var call = await db.ProposalCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == organizationId, ct);
        if (call is null || IsSealed(call)) return null;
        return await db.ProposalAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ProposalId == proposalId
            && db.Proposals.Any(p => p.Id == proposalId && p.CallId == callId), ct);
    }

    // Committee

    public Task<List<StaffAccount>> StaffOfAsync(int organizationId, CancellationToken ct = default) =>
        db.Users.Where(u => u.OrganizationId == organizationId && u.Status == AccountStatus.Active)
            .OrderBy(u => u.DisplayName).Select(u => new StaffAccount(u.Id, u.DisplayName)).ToListAsync(ct);

    public Task<List<CommitteeMember>> MembersAsync(int callId, CancellationToken ct = default) =>
        db.CommitteeMembers.AsNoTracking().Include(m => m.User).Where(m => m.CallId == callId)
            .OrderByDescending(m => m.IsChair).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>Sets the committee (staff of the same government, one of them chair) while no one has scored yet.</summary>
    public async Task<ServiceResult<bool>> SetCommitteeAsync(int organizationId, int callId, IReadOnlyCollection<string> userIds, string? chairId, CancellationToken ct = default)
    {
        var call = await db.ProposalCalls.FirstOrDefaultAsync(c => c.Id == callId && c.OrganizationId == organizationId, ct);
        if (call is null) return ServiceResult<bool>.NotFound;
        if (call.Status is CallStatus.Cancelled or CallStatus.Awarded || call.ConfirmedAt is not null) return ServiceResult<bool>.Fail(t["Eval_CommitteeLocked"]);
        if (await db.EvaluationScores.AnyAsync(s => db.CommitteeMembers.Any(m => m.Id == s.CommitteeMemberId && m.CallId == callId), ct))
        {
            return ServiceResult<bool>.Fail(t["Eval_CommitteeLockedScored"]);
        }
        var staff = (await StaffOfAsync(organizationId, ct)).Select(s => s.UserId).ToHashSet();
        var wanted = userIds.Distinct().ToList();
        if (wanted.Count == 0) return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["members"] = t["Eval_Val_NoMembers"] });
        if (wanted.Any(id => !staff.Contains(id))) return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["members"] = t["Val_Choose", t["Eval_Members"]] });
        if (chairId is null || !wanted.Contains(chairId)) return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["chair"] = t["Eval_Val_ChairAmongMembers"] });
        db.CommitteeMembers.RemoveRange(db.CommitteeMembers.Where(m => m.CallId == callId));
        db.CommitteeMembers.AddRange(wanted.Select(id => new CommitteeMember { CallId = callId, UserId = id, IsChair = id == chairId }));
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    // Sheets

    public Task<CommitteeMember?> MemberAsync(int callId, string userId, CancellationToken ct = default) =>
        db.CommitteeMembers.AsNoTracking().Include(m => m.User).FirstOrDefaultAsync(m => m.CallId == callId && m.UserId == userId, ct);

    public Task<List<EvaluationScore>> ScoresOfAsync(int memberId, CancellationToken ct = default) =>
        db.EvaluationScores.AsNoTracking().Where(s => s.CommitteeMemberId == memberId).ToListAsync(ct);

    /// <summary>
    /// Saves a member's sheet: <paramref name="scores"/> maps <see cref="Cell"/> keys to the typed score.
    /// With <paramref name="submit"/> every cell must be filled and the sheet is then marked complete.
    /// Nothing is saved when any cell is wrong.
    /// </summary>
    public async Task<ServiceResult<bool>> SaveSheetAsync(int organizationId, int callId, string userId, IReadOnlyDictionary<string, string?> scores, IReadOnlyDictionary<string, string?> comments, bool submit, CancellationToken ct = default)
    {
        var call = await FindOwnCallAsync(organizationId, callId, ct);
        if (call is null) return ServiceResult<bool>.NotFound;
        var member = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.CallId == callId && m.UserId == userId, ct);
        if (member is null) return ServiceResult<bool>.NotFound;
        if (IsSealed(call)) return ServiceResult<bool>.Fail(t["Eval_StillSealed"]);
        if (call.ConfirmedAt is not null) return ServiceResult<bool>.Fail(t["Eval_AlreadyConfirmed"]);
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.VendorCompany).Where(p => p.CallId == callId).ToListAsync(ct);
        var existing = await db.EvaluationScores.Where(s => s.CommitteeMemberId == member.Id).ToListAsync(ct);
        var e = new Dictionary<string, string>();
        var parsed = new List<(int ProposalId, int CriterionId, int? Score, string Comment)>();
        foreach (var p in proposals)
        {
            foreach (var c in call.Criteria)
            {
                var key = Cell(p.Id, c.Id);
                var text = scores.GetValueOrDefault(key);
                var comment = comments.GetValueOrDefault(key)?.Trim() ?? "";
                if (comment.Length > 1_000) e[key] = t["Val_TooLong", t["Eval_Comment"], 1_000, comment.Length];
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (submit) e.TryAdd(key, t["Eval_Val_ScoreMissing", p.VendorCompany!.Name, c.Name]);
                    parsed.Add((p.Id, c.Id, null, comment));
                    continue;
                }
                if (!JapaneseText.TryParseYen(text, out var v) || v < 0 || v > call.ScoreScale)
                {
                    e.TryAdd(key, t["Eval_Val_ScoreRange", p.VendorCompany!.Name, c.Name, call.ScoreScale]);
                    continue;
                }
                parsed.Add((p.Id, c.Id, (int)v, comment));
            }
        }
        if (e.Count > 0) return ServiceResult<bool>.Invalid(e);
        foreach (var (proposalId, criterionId, score, comment) in parsed)
        {
            var row = existing.FirstOrDefault(s => s.ProposalId == proposalId && s.CriterionId == criterionId);
            if (score is null)
            {
                if (row is not null) db.EvaluationScores.Remove(row);
                continue;
            }
            if (row is null)
            {
                row = new EvaluationScore { CommitteeMemberId = member.Id, ProposalId = proposalId, CriterionId = criterionId };
                db.EvaluationScores.Add(row);
            }
            row.Score = score.Value;
            row.Comment = comment;
            row.UpdatedAt = Now;
        }
        member.SubmittedAt = submit ? Now : null;
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public static string Cell(int proposalId, int criterionId) => $"p{proposalId}c{criterionId}";

    // Ranking, confirmation, award

    /// <summary>
    /// Who may see every sheet and the ranking: the chair once proposals are opened, and every staff
    /// member of the government once the chair has confirmed. Other members see their own sheet only.
    /// </summary>
    public async Task<bool> MaySeeRankingAsync(ProposalCall call, string userId, CancellationToken ct = default) =>
        !IsSealed(call) && (call.ConfirmedAt is not null || await db.CommitteeMembers.AnyAsync(m => m.CallId == call.Id && m.UserId == userId && m.IsChair, ct));

    public async Task<Ranking?> RankingAsync(ProposalCall call, CancellationToken ct = default)
    {
        if (IsSealed(call)) return null;
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.VendorCompany).Where(p => p.CallId == call.Id).ToListAsync(ct);
        var members = await MembersAsync(call.Id, ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var scores = await db.EvaluationScores.AsNoTracking().Where(s => memberIds.Contains(s.CommitteeMemberId)).ToListAsync(ct);
        var results = ProposalScoring.Compute(RulesOf(call),
            proposals.Select(p => new PricedProposal(p.Id, p.PriceOnCallBasisYen)).ToList(),
            scores.Select(s => new MemberScore(s.CommitteeMemberId, s.ProposalId, s.CriterionId, s.Score)).ToList());
        var rows = results.Select(r => new RankedProposal(proposals.Single(p => p.Id == r.ProposalId), r)).ToList();
        return new Ranking(call, rows, members);
    }

    public static ScoringRules RulesOf(ProposalCall call) =>
        new(call.ScoreScale, call.PriceWeight, call.PriceFormula, call.CeilingYen, call.Criteria.OrderBy(c => c.SortOrder).Select(c => new CriterionWeight(c.Id, c.Weight)).ToList());

    /// <summary>The chair confirms the result once every member has completed their sheet.</summary>
    public async Task<ServiceResult<bool>> ConfirmAsync(int organizationId, int callId, string userId, CancellationToken ct = default)
    {
        var call = await FindOwnCallAsync(organizationId, callId, ct);
        if (call is null) return ServiceResult<bool>.NotFound;
        var members = await db.CommitteeMembers.Where(m => m.CallId == callId).ToListAsync(ct);
        if (!members.Any(m => m.UserId == userId && m.IsChair)) return ServiceResult<bool>.Fail(t["Eval_OnlyChair"]);
        if (IsSealed(call)) return ServiceResult<bool>.Fail(t["Eval_StillSealed"]);
        if (call.ConfirmedAt is not null) return ServiceResult<bool>.Fail(t["Eval_AlreadyConfirmed"]);
        if (!await db.Proposals.AnyAsync(p => p.CallId == callId, ct)) return ServiceResult<bool>.Fail(t["Eval_NoProposals"]);
        if (members.Any(m => m.SubmittedAt is null)) return ServiceResult<bool>.Fail(t["Eval_SheetsIncomplete"]);
        call.ConfirmedAt = Now;
        call.ConfirmedByUserId = userId;
        call.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>
    /// Records the award after confirmation: the chosen proposal must be ranked first (one of those tied
    /// first), and the contract amount, on the call's tax basis, may not exceed that proposal's price.
    /// The result then appears on the public call page, and the contract is recorded for conflict-of-interest checks.
    /// </summary>
    /// <remarks>
    /// An award before the call's own presentation or result date (as published) needs <paramref name="earlyReason"/>,
    /// which is kept and shown with the result.
    /// </remarks>
    public async Task<ServiceResult<bool>> AwardAsync(int organizationId, int callId, int proposalId, string? amountText, string? earlyReason, string userId, string? token, CancellationToken ct = default)
    {
        var call = await FindOwnCallAsync(organizationId, callId, ct);
        if (call is null) return ServiceResult<bool>.NotFound;
        db.ExpectConcurrencyToken(call, token);
        if (call.ConfirmedAt is null) return ServiceResult<bool>.Fail(t["Eval_NotConfirmed"]);
        // The committee's result is the chair's to carry out (among first-ranked ties the chair decides).
        if (!await db.CommitteeMembers.AnyAsync(m => m.CallId == callId && m.UserId == userId && m.IsChair, ct))
            return ServiceResult<bool>.Fail(t["Eval_OnlyChairAwards"]);
        if (call.Status != CallStatus.Published) return ServiceResult<bool>.Fail(t["Eval_AlreadyAwarded"]);
        var ranking = (await RankingAsync(call, ct))!;
        var chosen = ranking.Rows.FirstOrDefault(r => r.Proposal.Id == proposalId);
        if (chosen is null) return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["proposalId"] = t["Val_Choose", t["Eval_Winner"]] });
        if (chosen.Result.Rank != 1) return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["proposalId"] = t["Eval_Val_NotFirst"] });
        // A ceiling corrected below a price already submitted leaves that proposal over it: it cannot be awarded.
        if (chosen.Proposal.PriceOnCallBasisYen > call.CeilingYen)
        {
            return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["proposalId"] = t["Eval_Val_OverCeiling",
                chosen.Proposal.PriceOnCallBasisYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), call.CeilingYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)] });
        }
        if (string.IsNullOrWhiteSpace(amountText) || !JapaneseText.TryParseYen(amountText, out var amount) || amount <= 0)
        {
            return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["amount"] = t["Val_Yen", t["Eval_ContractAmount"]] });
        }
        if (amount > chosen.Proposal.PriceOnCallBasisYen)
        {
            return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["amount"] = t["Eval_Val_AmountOverPrice", chosen.Proposal.PriceOnCallBasisYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)] });
        }
        var reason = earlyReason?.Trim() ?? "";
        if (EarlyAwardDates(call) is { Count: > 0 } pending && reason.Length == 0)
        {
            return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["earlyReason"] = t["Eval_Val_EarlyReason", string.Join(t["ListSeparator"], pending)] });
        }
        if (reason.Length > ProposalCallConfiguration.NotesMax)
        {
            return ServiceResult<bool>.Invalid(new Dictionary<string, string> { ["earlyReason"] = t["Val_TooLong", t["Eval_EarlyReason"], ProposalCallConfiguration.NotesMax, reason.Length] });
        }
        call.EarlyAwardReason = reason.Length > 0 ? reason : null;
        call.Status = CallStatus.Awarded;
        call.AwardedProposalId = proposalId;
        call.ContractAmountYen = amount;
        call.AwardedAt = Now;
        call.UpdatedAt = Now;
        var vendor = chosen.Proposal.VendorCompany!;
        db.VendorContracts.Add(new VendorContract
        {
            OrganizationId = organizationId, VendorName = vendor.Name, CorporateNumber = vendor.CorporateNumber,
            Relation = VendorRelation.HoldsContract, Description = call.Title.Length > 900 ? call.Title[..900] : call.Title,
            CreatedAt = Now, CreatedByUserId = userId,
        });
        await notify.AwardedAsync(call, vendor.Id, ct);
        return await db.SaveOrRefuseStaleAsync(t, true, ct);
    }

    public string TokenOf(ProposalCall call) => db.ConcurrencyTokenOf(call);

    /// <summary>
    /// The call's own dates (presentation, result) still ahead today in Japan, as "label: date" in the page's language
    /// (Gregorian with 和暦 beside it) for a message; empty when none.
    /// </summary>
    public List<string> EarlyAwardDates(ProposalCall call)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        var dates = new List<string>();
        if (call.PresentationDate is { } p && p > today) dates.Add($"{t["Call_Field_PresentationDate"]}: {fmt.Date(p)}");
        if (call.ResultDate is { } r && r > today) dates.Add($"{t["Call_Field_ResultDate"]}: {fmt.Date(r)}");
        return dates;
    }

    /// <summary>What the public call page shows once the call is awarded: the winner, the count and the totals without other names.</summary>
    public async Task<PublicResult?> PublicResultAsync(ProposalCall call, CancellationToken ct = default)
    {
        if (call.Status != CallStatus.Awarded) return null;
        if (call.RecordedAfterTheFact)
        {
            // Run outside the product: no proposals or scores here, only what the government published.
            return new PublicResult(call.SupplierName ?? "", call.ContractAmountYen ?? 0, call.CeilingTaxIncluded, call.RecordedProposalCount ?? 0, 0, [], call.AwardedAt!.Value);
        }
        if (call.AwardedProposalId is null) return null;
        var ranking = await RankingAsync(call, ct);
        if (ranking is null) return null;
        var winner = ranking.Rows.Single(r => r.Proposal.Id == call.AwardedProposalId);
        return new PublicResult(winner.Proposal.VendorCompany!.Name, call.ContractAmountYen ?? 0, call.CeilingTaxIncluded, ranking.Rows.Count,
            ProposalScoring.MaxTotal(RulesOf(call)),
            ranking.Rows.Select(r => (r.Result.Rank, r.Result.Total, r.Proposal.Id == call.AwardedProposalId)).ToList(), call.AwardedAt!.Value);
    }

    /// <summary>A vendor's own scores once the call is awarded; never another vendor's.</summary>
    public async Task<OwnResult?> OwnResultAsync(int companyId, int callId, CancellationToken ct = default)
    {
        var call = await db.ProposalCalls.AsNoTracking().Include(c => c.Criteria).FirstOrDefaultAsync(c => c.Id == callId && c.Status == CallStatus.Awarded, ct);
        if (call is null) return null;
        var ranking = await RankingAsync(call, ct);
        var own = ranking?.Rows.FirstOrDefault(r => r.Proposal.VendorCompanyId == companyId);
        if (own is null) return null;
        return new OwnResult(own.Result, ranking!.Rows.Count, own.Proposal.Id == call.AwardedProposalId, call.Criteria.OrderBy(c => c.SortOrder).ToList(), ProposalScoring.MaxTotal(RulesOf(call)));
    }
}
