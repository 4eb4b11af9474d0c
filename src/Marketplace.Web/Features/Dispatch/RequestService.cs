using Marketplace.Matching.Pay;


namespace Marketplace.Web.Features.Dispatch;

/// <summary>A request's form as typed.</summary>
public sealed class RequestInput
{
    public string? RoleCode { get; set; }
    public string? Needs { get; set; }
    public List<string> RequiredSkills { get; set; } = [];
    public List<string> PreferredSkills { get; set; } = [];
    public string? DaysPerWeek { get; set; }
    public string? OnsiteDaysPerMonth { get; set; }
    public string? TermMonths { get; set; }
    public List<string> Obstacles { get; set; } = [];
    public string? SituationNotes { get; set; }
    public string? ExpectedAnnualCostYen { get; set; }
    /// <summary>団体コード of the other municipalities of a joint request, one per line or comma-separated.</summary>
    public string? CoHostCodes { get; set; }
}

/// <summary>The obstacles local governments name (domain.md), as the request's checklist.</summary>
public static class Obstacles
{
    public static readonly string[] All =
    [
        "shortage_of_people", "vendor_dependence", "department_walls", "municipal_walls", "resistance", "no_strategy", "no_budget",
    ];
}

/// <summary>
/// Dispatch requests from local governments. A request is visible to its hosts (the filing government and the
/// co-hosts of a joint request) and to the national office; to anyone else it does not exist.
/// </summary>
public sealed class RequestService(MarketplaceDbContext db, RoundService rounds, TaxonomyCatalog taxonomy, DispatchNotifications notify, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxCoHosts = 9;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    private IQueryable<DispatchRequest> WithDetails() =>
        db.DispatchRequests.Include(r => r.Round).ThenInclude(r => r!.Bands)
            .Include(r => r.LeadOrganization)
            .Include(r => r.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery();

    /// <summary>A request one of whose hosts is this government; null otherwise.</summary>
    public Task<DispatchRequest?> FindForHostAsync(int organizationId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(r => r.Id == id && r.Hosts.Any(h => h.OrganizationId == organizationId), ct);

    public Task<DispatchRequest?> FindForOfficeAsync(int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<List<DispatchRequest>> ForHostAsync(int organizationId, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().Where(r => r.Hosts.Any(h => h.OrganizationId == organizationId))
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);

    public async Task<Paged<DispatchRequest>> ForOfficeAsync(int roundId, DispatchRequestStatus? status, string? prefecture, int page, CancellationToken ct = default)
    {
        var q = WithDetails().AsNoTracking().Where(r => r.RoundId == roundId);
        if (status is { } s) q = q.Where(r => r.Status == s);
        if (!string.IsNullOrEmpty(prefecture)) q = q.Where(r => r.Hosts.Any(h => h.Organization!.PrefectureCode == prefecture));
        return await q.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToPagedAsync(page, ct: ct);
    }

    public async Task<ServiceResult> SubmitAsync(int organizationId, string userId, RequestInput input, CancellationToken ct = default)
    {
        var round = await rounds.OpenForRequestsAsync(ct);
        if (round is null) return ServiceResult.Fail(t["Dispatch_NoOpenRound"]);
        var lead = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, ct);

        var errors = new Dictionary<string, string>();
        var n = new NumberFields(t, errors);
        if (!TaxonomyCatalog.Contains(taxonomy.Roles, input.RoleCode)) errors.TryAdd(nameof(input.RoleCode), t["Val_Choose", t["Dispatch_Role"]]);
        var needs = input.Needs?.Trim() ?? "";
        if (needs.Length == 0) errors.TryAdd(nameof(input.Needs), t["Val_Required", t["Dispatch_Needs"]]);
        else if (needs.Length > DispatchRequestConfiguration.NeedsMax) errors.TryAdd(nameof(input.Needs), t["Val_TooLong", t["Dispatch_Needs"], DispatchRequestConfiguration.NeedsMax, needs.Length]);
        var required = input.RequiredSkills.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
        var preferred = input.PreferredSkills.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();
        if (required.Count == 0) errors.TryAdd(nameof(input.RequiredSkills), t["Val_Choose", t["Dispatch_RequiredSkills"]]);
        else if (required.Any(s => !TaxonomyCatalog.Contains(taxonomy.Skills, s))) errors.TryAdd(nameof(input.RequiredSkills), t["Val_UnknownCode", t["Dispatch_RequiredSkills"]]);
        if (preferred.Any(s => !TaxonomyCatalog.Contains(taxonomy.Skills, s))) errors.TryAdd(nameof(input.PreferredSkills), t["Val_UnknownCode", t["Dispatch_PreferredSkills"]]);
        else if (preferred.Intersect(required).Any()) errors.TryAdd(nameof(input.PreferredSkills), t["Val_SkillBothRequiredAndPreferred"]);

        var days = n.Dec(nameof(input.DaysPerWeek), input.DaysPerWeek, "Dispatch_DaysPerWeek", 0.5, 5, true);
        var onsite = n.Dec(nameof(input.OnsiteDaysPerMonth), input.OnsiteDaysPerMonth, "Dispatch_OnsiteDays", 0, 23, true);
        if (days is { } d && onsite is { } o && o > Math.Ceiling(d * ComparablePay.WeeksPerMonth))
            errors.TryAdd(nameof(input.OnsiteDaysPerMonth), t["Dispatch_OnsiteOverDays", Math.Ceiling(d * ComparablePay.WeeksPerMonth)]);
        if (days is { } fullOrPart)
        {
            var fullTime = fullOrPart >= 5;
            if (fullTime && !round.AllowFullTime) errors.TryAdd(nameof(input.DaysPerWeek), t["Dispatch_FullTimeNotAllowed"]);
            if (!fullTime && !round.AllowPartTime) errors.TryAdd(nameof(input.DaysPerWeek), t["Dispatch_PartTimeNotAllowed"]);
        }
        var term = n.Int(nameof(input.TermMonths), input.TermMonths, "Dispatch_TermMonths", 1, 240, true);
        if (term is { } tm && (tm < round.MinTermMonths || tm > round.MaxTermMonths))
            errors.TryAdd(nameof(input.TermMonths), t["Dispatch_TermOutsideRound", round.MinTermMonths, round.MaxTermMonths]);
        var obstacles = input.Obstacles.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct().ToList();
        if (obstacles.Count == 0) errors.TryAdd(nameof(input.Obstacles), t["Val_Choose", t["Dispatch_Obstacles"]]);
        else if (obstacles.Any(x => !Obstacles.All.Contains(x))) errors.TryAdd(nameof(input.Obstacles), t["Val_UnknownCode", t["Dispatch_Obstacles"]]);
        var notes = input.SituationNotes?.Trim() ?? "";
        if (notes.Length > DispatchRequestConfiguration.NeedsMax) errors.TryAdd(nameof(input.SituationNotes), t["Val_TooLong", t["Dispatch_SituationNotes"], DispatchRequestConfiguration.NeedsMax, notes.Length]);
        var cost = n.Yen(nameof(input.ExpectedAnnualCostYen), input.ExpectedAnnualCostYen, "Dispatch_ExpectedCost", 10_000_000_000, true);

        // The co-hosts of a joint request, by 団体コード as typed (full-width digits and hyphens accepted).
        var coHosts = new List<Organization>();
        var codes = (input.CoHostCodes ?? "").Split(['\n', ',', '、', '，', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(JapaneseText.NormalizeCode).Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count > MaxCoHosts) errors.TryAdd(nameof(input.CoHostCodes), t["Dispatch_TooManyCoHosts", MaxCoHosts]);
        foreach (var code in codes.Take(MaxCoHosts))
        {
            var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
            if (org is null) errors.TryAdd(nameof(input.CoHostCodes), t["Dispatch_CoHostUnknown", code]);
            else if (org.Id == organizationId) errors.TryAdd(nameof(input.CoHostCodes), t["Dispatch_CoHostIsSelf"]);
            else coHosts.Add(org);
        }
        foreach (var host in coHosts.Prepend(lead))
        {
            if (rounds.IneligibilityOf(round, host) is { } why) errors.TryAdd(host == lead ? "" : nameof(input.CoHostCodes), why);
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        // A government takes part in at most one live request per round: one it filed, or one it confirmed as a
        // co-host. An unconfirmed co-host listing does not count, so no one can block a town by naming it.
        var hostIds = coHosts.Select(h => h.Id).Prepend(organizationId).ToList();
        var busy = await db.DispatchRequestHosts.Where(h => hostIds.Contains(h.OrganizationId) && (h.IsLead || h.ConfirmedAt != null)
                && db.DispatchRequests.Any(r => r.Id == h.RequestId && r.RoundId == round.Id && r.Status != DispatchRequestStatus.Withdrawn))
            .Select(h => h.Organization!.NameJa).ToListAsync(ct);
        if (busy.Count > 0) return ServiceResult.Fail(t["Dispatch_AlreadyRequested", string.Join("、", busy)]);

        var request = new DispatchRequest
        {
            RoundId = round.Id,
            LeadOrganizationId = organizationId,
            Status = DispatchRequestStatus.Submitted,
            RoleCode = input.RoleCode!,
            Needs = needs,
            RequiredSkills = required,
            PreferredSkills = preferred,
            DaysPerWeek = days!.Value,
            FullTime = days.Value >= 5,
            OnsiteDaysPerMonth = onsite!.Value,
            TermMonths = term!.Value,
            Obstacles = obstacles,
            SituationNotes = notes.Length == 0 ? null : notes,
            ExpectedAnnualCostYen = cost!.Value,
            CreatedByUserId = userId,
            CreatedAt = Now,
        };
        request.Hosts.Add(new DispatchRequestHost { OrganizationId = organizationId, IsLead = true, ConfirmedAt = Now, ConfirmedByUserId = userId });
        foreach (var h in coHosts) request.Hosts.Add(new DispatchRequestHost { OrganizationId = h.Id });
        db.DispatchRequests.Add(request);
        await notify.CoHostsAskedAsync(request, lead, ct);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(request.Id);
    }

    /// <summary>A co-host of a joint request confirms that it takes part.</summary>
    public async Task<ServiceResult> ConfirmAsync(int organizationId, string userId, int requestId, CancellationToken ct = default)
    {
        var host = await db.DispatchRequestHosts.FirstOrDefaultAsync(h => h.RequestId == requestId && h.OrganizationId == organizationId, ct);
        if (host is null) return ServiceResult.NotFound;
        if (host.ConfirmedAt is not null) return ServiceResult.Fail(t["Dispatch_AlreadyConfirmed"]);
        var request = await db.DispatchRequests.SingleAsync(r => r.Id == requestId, ct);
        if (request.Status == DispatchRequestStatus.Withdrawn) return ServiceResult.Fail(t["Dispatch_RequestWithdrawn"]);
        var elsewhere = await db.DispatchRequestHosts.AnyAsync(h => h.OrganizationId == organizationId && h.RequestId != requestId && (h.IsLead || h.ConfirmedAt != null)
            && db.DispatchRequests.Any(r => r.Id == h.RequestId && r.RoundId == request.RoundId && r.Status != DispatchRequestStatus.Withdrawn), ct);
        if (elsewhere) return ServiceResult.Fail(t["Dispatch_AlreadyInAnotherRequest"]);
        host.ConfirmedAt = Now;
        host.ConfirmedByUserId = userId;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(requestId);
    }

    /// <summary>The filing government withdraws a request that has not led to a dispatch; an open proposal is withdrawn with it.</summary>
    public async Task<ServiceResult> WithdrawAsync(int organizationId, int requestId, string? token, CancellationToken ct = default)
    {
        var request = await db.DispatchRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (request is null) return ServiceResult.NotFound;
        if (request.LeadOrganizationId != organizationId) return ServiceResult.Fail(t["Dispatch_OnlyLeadWithdraws"]);
        if (request.Status is DispatchRequestStatus.Withdrawn or DispatchRequestStatus.Dispatched) return ServiceResult.Fail(t["Dispatch_CannotWithdraw"]);
        db.ExpectConcurrencyToken(request, token);
        request.Status = DispatchRequestStatus.Withdrawn;
        request.WithdrawnAt = Now;
        foreach (var p in await db.DispatchProposals.Where(p => p.RequestId == requestId && (p.Status == DispatchProposalStatus.Proposed || p.Status == DispatchProposalStatus.Accepted)).ToListAsync(ct))
        {
            p.Status = DispatchProposalStatus.Withdrawn;
            p.ClosedAt = Now;
        }
        return await db.SaveOrRefuseStaleAsync(t, requestId, ct);
    }

    public string TokenOf(DispatchRequest request) => db.ConcurrencyTokenOf(request);
}
