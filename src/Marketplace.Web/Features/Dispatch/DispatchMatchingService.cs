using Marketplace.Matching;
using Marketplace.Matching.Features;
using Marketplace.Matching.Reasons;
using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Features.Dispatch;

/// <summary>A validly certified CIO ranked for a request; <see cref="Unavailable"/> says why they cannot be proposed now.</summary>
public sealed record DispatchCandidate(ExpertProfile Expert, Certification Certification, int Rank, double Score, IReadOnlyList<MatchReason> Reasons, string? Unavailable);

/// <summary>
/// The office's matching of requests with certified CIOs. The ranking is the matching component's, with the request
/// mapped onto an opening record (certified-only, so only valid certified CIOs are scored). A CIO is proposed to one
/// request at a time, both sides answer, and the office then approves the dispatch, which commits the expected
/// incentive against the round's budget.
/// </summary>
public sealed class DispatchMatchingService(
    MarketplaceDbContext db,
    MatchingService matching,
    ExpertIndexHost index,
    ReadinessService readiness,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock,
    DispatchNotifications notify)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>The request as the matching component sees an opening.</summary>
    public static OpeningRecord RecordOf(DispatchRequest r) => new(
        $"dispatch-request-{r.Id}",
        r.LeadOrganization!.Code,
        r.LeadOrganization.PrefectureCode,
        r.RoleCode,
        r.FullTime ? "fixed_term_staff" : "part_time_appointee",
        r.TermMonths,
        r.ExpectedAnnualCostYen,
        "year",
        false,
        r.DaysPerWeek,
        r.OnsiteDaysPerMonth,
        r.RequiredSkills,
        r.PreferredSkills,
        PublicSectorExperienceRequired: false,
        CertifiedCioOnly: true,
        r.Needs.Split('\n')[0],
        r.Needs);

    public async Task<(RankerInUse Ranker, List<DispatchCandidate> Candidates)> CandidatesAsync(DispatchRequest request, CancellationToken ct = default)
    {
        var today = Today;
        var certifications = await db.Certifications.AsNoTracking()
            .Include(c => c.Expert)
            .Where(c => c.RevokedAt == null && c.ValidFrom <= today && c.ValidUntil >= today
                && c.Expert!.UserId != null && c.Expert.AnonymizedAt == null)
            .ToListAsync(ct);
        certifications = certifications.Where(c => MatchingRecords.IsMatchable(c.Expert!) && !c.Expert!.NotAvailableNow).ToList();
        // The certified CIOs come from the instance's long-lived index (hidden profiles too: the office matches every
        // certified CIO), ranked as certified whatever the profile's flag says until the nightly job aligns it.
        var state = await index.StateAsync(db, ct);
        if (state.Snapshot is not { } snapshot) return (await matching.RankerAsync(ct), []);
        var inUse = MatchingService.Describe(snapshot.Ranker, snapshot.Model);
        var hostCodes = request.Hosts.Select(h => h.Organization!.Code).ToHashSet();
        var records = certifications
            .Select(c => snapshot.Index.IndexOf(MatchingRecords.Id(c.ExpertProfileId)))
            .Where(at => at >= 0)
            .Select(at => snapshot.Index.Experts[at])
            // The ranker excludes conflicts with the filing government; a joint request must exclude those with every host.
            .Where(x => !x.ConflictOrgCodes.Any(hostCodes.Contains))
            .Select(x => x with { CertifiedCio = true, Hidden = false })
            .ToList();
        if (records.Count == 0) return (inUse, []);
        var small = ExpertIndex.Build(records, snapshot.Index.Idf);
        var ranked = inUse.Ranker.RankExperts(RecordOf(request), small, records.Count);

        var ids = certifications.Select(c => c.ExpertProfileId).ToList();
        var proposed = await db.DispatchProposals.AsNoTracking().Where(p => ids.Contains(p.ExpertProfileId) && p.RequestId != request.Id
                && (p.Status == DispatchProposalStatus.Proposed || p.Status == DispatchProposalStatus.Accepted))
            .Select(p => p.ExpertProfileId).ToListAsync(ct);
        var startsOn = request.Round!.DispatchStartsOn;
        var dispatched = await db.Dispatches.AsNoTracking().Where(d => ids.Contains(d.ExpertProfileId)
                && (d.Status == DispatchStatus.Active || d.Status == DispatchStatus.Extended) && d.EndDate >= startsOn)
            .Select(d => d.ExpertProfileId).ToListAsync(ct);
        var byId = certifications.ToDictionary(c => MatchingRecords.Id(c.ExpertProfileId));
        var result = ranked.Select((r, i) =>
        {
            var c = byId[r.ExpertId];
            string? unavailable = proposed.Contains(c.ExpertProfileId) ? t["Dispatch_CioProposedElsewhere"].Value
                : dispatched.Contains(c.ExpertProfileId) ? t["Dispatch_CioOnDispatch"].Value
                : null;
            return new DispatchCandidate(c.Expert!, c, i + 1, r.Score, r.Reasons, unavailable);
        }).ToList();
        return (inUse, result);
    }

    public Task<List<DispatchProposal>> ProposalsOfRequestAsync(int requestId, CancellationToken ct = default) =>
        db.DispatchProposals.Include(p => p.Expert).Where(p => p.RequestId == requestId).OrderByDescending(p => p.ProposedAt).ToListAsync(ct);

    /// <summary>
    /// The office proposes a CIO. Choosing anyone but the best available candidate needs a recorded reason.
    /// </summary>
    public async Task<ServiceResult> ProposeAsync(string officeUserId, int requestId, int expertProfileId, string? overrideReason, CancellationToken ct = default)
    {
        var request = await db.DispatchRequests.Include(r => r.Round).Include(r => r.LeadOrganization)
            .Include(r => r.Hosts).ThenInclude(h => h.Organization).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return ServiceResult.NotFound;
        if (request.Status != DispatchRequestStatus.Submitted) return ServiceResult.Fail(t["Dispatch_RequestNotOpen"]);
        if (Today > request.Round!.MatchingEndsOn) return ServiceResult.Fail(t["Dispatch_MatchingOver", DisplayFormatter.Wareki(request.Round.MatchingEndsOn)]);
        if (request.Hosts.Any(h => h.ConfirmedAt is null)) return ServiceResult.Fail(t["Dispatch_CoHostsUnconfirmed"]);
        if (await db.DispatchProposals.AnyAsync(p => p.RequestId == requestId && (p.Status == DispatchProposalStatus.Proposed || p.Status == DispatchProposalStatus.Accepted), ct))
            return ServiceResult.Fail(t["Dispatch_RequestHasProposal"]);

        var (_, candidates) = await CandidatesAsync(request, ct);
        var chosen = candidates.FirstOrDefault(c => c.Expert.Id == expertProfileId);
        if (chosen is null) return ServiceResult.Fail(t["Dispatch_NotACandidate"]);
        if (chosen.Unavailable is { } why) return ServiceResult.Fail(why);
        var best = candidates.First(c => c.Unavailable is null);
        var reason = overrideReason?.Trim() ?? "";
        if (best.Expert.Id != expertProfileId && reason.Length == 0)
            return ServiceResult.Invalid(new Dictionary<string, string> { ["overrideReason"] = t["Dispatch_OverrideReasonRequired", best.Rank] });
        if (reason.Length > 1_000) return ServiceResult.Invalid(new Dictionary<string, string> { ["overrideReason"] = t["Val_TooLong", t["Dispatch_OverrideReason"], 1_000, reason.Length] });

        var proposal = new DispatchProposal
        {
            RequestId = requestId, ExpertProfileId = expertProfileId, Status = DispatchProposalStatus.Proposed,
            RankAtProposal = chosen.Rank, Score = chosen.Score, OverrideReason = reason.Length == 0 ? null : reason,
            ProposedAt = Now, ProposedByUserId = officeUserId,
        };
        db.DispatchProposals.Add(proposal);
        await notify.CioProposedAsync(proposal, request, ct);
        // Two office users proposing the same CIO (or to the same request) at once: the unique index refuses one.
        return await SaveAsync(0, ct, () => proposal.Id);
    }

    /// <summary>The office withdraws an open proposal (e.g. after one side declined elsewhere), with a reason.</summary>
    public async Task<ServiceResult> WithdrawAsync(int proposalId, string? reason, string? token, CancellationToken ct = default)
    {
        var proposal = await db.DispatchProposals.FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null) return ServiceResult.NotFound;
        if (!proposal.IsOpen) return ServiceResult.Fail(t["Dispatch_ProposalClosed"]);
        if (NumberFields.RequiredText(t, "reason", reason, "Dispatch_WithdrawReason", 1_000, out var text) is { } refused) return refused;
        db.ExpectConcurrencyToken(proposal, token);
        proposal.Status = DispatchProposalStatus.Withdrawn;
        proposal.DeclineReason = text;
        proposal.ClosedAt = Now;
        var request = await db.DispatchRequests.SingleAsync(r => r.Id == proposal.RequestId, ct);
        if (request.Status == DispatchRequestStatus.Matched) request.Status = DispatchRequestStatus.Submitted;
        return await SaveAsync(proposal.Id, ct);
    }

    public Task<DispatchProposal?> ForExpertAsync(string userId, int proposalId, CancellationToken ct = default) =>
        db.DispatchProposals.Include(p => p.Request).ThenInclude(r => r!.Round)
            .Include(p => p.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == proposalId && p.Expert!.UserId == userId, ct);

    public Task<List<DispatchProposal>> AllForExpertAsync(string userId, CancellationToken ct = default) =>
        db.DispatchProposals.AsNoTracking().Include(p => p.Request).ThenInclude(r => r!.Round)
            .Include(p => p.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery().Where(p => p.Expert!.UserId == userId).OrderByDescending(p => p.ProposedAt).ToListAsync(ct);

    /// <summary>The proposed CIO accepts or declines.</summary>
    public async Task<ServiceResult> CioAnswerAsync(string userId, int proposalId, bool accept, string? reason, string? token, CancellationToken ct = default)
    {
        var proposal = await db.DispatchProposals.Include(p => p.Request)
            .FirstOrDefaultAsync(p => p.Id == proposalId && p.Expert!.UserId == userId, ct);
        if (proposal is null) return ServiceResult.NotFound;
        if (proposal.Status != DispatchProposalStatus.Proposed || proposal.CioAcceptedAt is not null) return ServiceResult.Fail(t["Dispatch_ProposalAnswered"]);
        return await AnswerAsync(proposal, accept, reason, token, byCio: true, null, ct);
    }

    /// <summary>The filing government answers for the hosts (co-hosts confirmed the request before any proposal).</summary>
    public async Task<ServiceResult> HostAnswerAsync(int organizationId, string userId, int proposalId, bool accept, string? reason, string? token, CancellationToken ct = default)
    {
        var proposal = await db.DispatchProposals.Include(p => p.Request)
            .FirstOrDefaultAsync(p => p.Id == proposalId && p.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (proposal is null) return ServiceResult.NotFound;
        if (proposal.Request!.LeadOrganizationId != organizationId) return ServiceResult.Fail(t["Dispatch_OnlyLeadAnswers"]);
        if (proposal.Status != DispatchProposalStatus.Proposed || proposal.HostAcceptedAt is not null) return ServiceResult.Fail(t["Dispatch_ProposalAnswered"]);
        return await AnswerAsync(proposal, accept, reason, token, byCio: false, userId, ct);
    }

    private async Task<ServiceResult> AnswerAsync(DispatchProposal proposal, bool accept, string? reason, string? token, bool byCio, string? hostUserId, CancellationToken ct)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length > 1_000) return ServiceResult.Invalid(new Dictionary<string, string> { ["reason"] = t["Val_TooLong", t["Dispatch_DeclineReason"], 1_000, text.Length] });
        db.ExpectConcurrencyToken(proposal, token);
        if (!accept)
        {
            proposal.Status = byCio ? DispatchProposalStatus.DeclinedByCio : DispatchProposalStatus.DeclinedByHost;
            proposal.DeclineReason = text.Length == 0 ? null : text;
            proposal.ClosedAt = Now;
        }
        else if (byCio)
        {
            proposal.CioAcceptedAt = Now;
        }
        else
        {
            proposal.HostAcceptedAt = Now;
            proposal.HostAcceptedByUserId = hostUserId;
        }
        if (proposal.CioAcceptedAt is not null && proposal.HostAcceptedAt is not null)
        {
            proposal.Status = DispatchProposalStatus.Accepted;
            proposal.Request!.Status = DispatchRequestStatus.Matched;
        }
        return await SaveAsync(proposal.Id, ct);
    }

    public string TokenOf(IVersioned entity) => db.ConcurrencyTokenOf(entity);

    /// <summary>
    /// The office approves the dispatch of an accepted pairing. Refused, with nothing changed, when the CIO's
    /// certification is not valid, a host is not ready, the term is outside the round's limits, or the expected
    /// incentive would overspend the round's budget.
    /// </summary>
    public async Task<ServiceResult> ApproveAsync(string officeUserId, int proposalId, string? startText, string? termText, CancellationToken ct = default)
    {
        var proposal = await db.DispatchProposals
            .Include(p => p.Request).ThenInclude(r => r!.Round).ThenInclude(r => r!.Bands)
            .Include(p => p.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null) return ServiceResult.NotFound;
        if (proposal.Status != DispatchProposalStatus.Accepted) return ServiceResult.Fail(t["Dispatch_NotAcceptedByBoth"]);
        var request = proposal.Request!;
        var round = request.Round!;

        var errors = new Dictionary<string, string>();
        var n = new NumberFields(t, errors);
        var start = n.Date("start", startText, "Dispatch_StartDate", true);
        var term = n.Int("termMonths", termText, "Dispatch_TermMonths", 1, 240, true);
        if (term is { } tm && (tm < round.MinTermMonths || tm > round.MaxTermMonths))
            errors.TryAdd("termMonths", t["Dispatch_TermOutsideRound", round.MinTermMonths, round.MaxTermMonths]);
        if (start is { } s && (s < round.DispatchStartsOn || IncentiveCalculator.FiscalYearOf(s) != round.FiscalYear))
            errors.TryAdd("start", t["Dispatch_StartOutsideRound", DisplayFormatter.Wareki(round.DispatchStartsOn), DisplayFormatter.Wareki(IncentiveCalculator.FiscalYearEnd(round.FiscalYear))]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        var end = IncentiveCalculator.EndOfTerm(start!.Value, term!.Value);

        var certification = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.ExpertProfileId == proposal.ExpertProfileId, ct);
        if (certification is null || certification.RevokedAt is not null) return ServiceResult.Fail(t["Dispatch_CioNotCertified"]);
        if (!certification.IsValidOn(Today) || certification.ValidUntil < start.Value)
            return ServiceResult.Fail(t["Dispatch_CioCertificationExpired", DisplayFormatter.Wareki(certification.ValidUntil)]);

        var notReady = await readiness.NotReadyAsync(request.Hosts.Select(h => h.OrganizationId), ct);
        if (notReady.Count > 0)
        {
            var names = request.Hosts.Where(h => notReady.Contains(h.OrganizationId)).Select(h => h.Organization!.NameJa);
            return ServiceResult.Fail(t["Dispatch_HostNotReady", string.Join("、", names)]);
        }

        var expected = IncentiveCalculator.ExpectedTotal(RoundService.RulesOf(round),
            request.Hosts.OrderBy(h => h.OrganizationId).Select(h => h.Organization!.FiscalCapacityIndex).ToList(), start.Value, end, request.ExpectedAnnualCostYen);
        var committed = await db.Dispatches.Where(d => d.RoundId == round.Id).SumAsync(d => (long?)d.CommittedYen, ct) ?? 0;
        if (committed + expected > round.BudgetYen)
            return ServiceResult.Fail(t["Dispatch_BudgetOverspend", expected.ToString("N0"), (round.BudgetYen - committed).ToString("N0")]);

        var dispatch = new CioDispatch
        {
            RoundId = round.Id, RequestId = request.Id, ProposalId = proposal.Id, ExpertProfileId = proposal.ExpertProfileId,
            StartDate = start.Value, EndDate = end, PlannedEndDate = end,
            DaysPerWeek = request.DaysPerWeek, OnsiteDaysPerMonth = request.OnsiteDaysPerMonth,
            Status = DispatchStatus.Active, CommittedYen = expected, ApprovedAt = Now, ApprovedByUserId = officeUserId,
        };
        dispatch.Events.Add(new DispatchEvent { Kind = "approved", Note = $"{start.Value:yyyy-MM-dd}〜{end:yyyy-MM-dd}", At = Now, ByUserId = officeUserId });
        db.Dispatches.Add(dispatch);
        proposal.Status = DispatchProposalStatus.Dispatched;
        request.Status = DispatchRequestStatus.Dispatched;
        TouchBudget(round);
        await notify.ApprovedAsync(dispatch, ct);
        return await SaveAsync(0, ct, () => dispatch.Id);
    }

    /// <summary>
    /// Marks the round changed, so that two budget commitments made at the same moment cannot both pass the
    /// budget check: the second save finds the round's version changed and is refused.
    /// </summary>
    public void TouchBudget(DispatchRound round)
    {
        db.ExpectConcurrencyToken(round, db.ConcurrencyTokenOf(round));
        round.UpdatedAt = Now;
    }

    /// <summary>Accepted pairings of a round, public from its result date on (empty before).</summary>
    public async Task<List<DispatchProposal>> PublishedAsync(DispatchRound round, CancellationToken ct = default)
    {
        if (Today < round.ResultDate) return [];
        return await db.DispatchProposals.AsNoTracking().Include(p => p.Expert)
            .Include(p => p.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery()
            .Where(p => p.Request!.RoundId == round.Id && (p.Status == DispatchProposalStatus.Accepted || p.Status == DispatchProposalStatus.Dispatched))
            .OrderBy(p => p.Id).ToListAsync(ct);
    }

    private Task<ServiceResult> SaveAsync(int id, CancellationToken ct, Func<int>? idAfterSave = null) =>
        db.SaveOrRefuseStaleAsync(t, idAfterSave ?? (() => id), ct, duplicateIsStale: true);
}
