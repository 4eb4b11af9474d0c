namespace Marketplace.Web.Features.Cases;

/// <summary>Who is looking at an advice thread: staff of a government (<see cref="OrganizationId"/>) or an expert.</summary>
public sealed record AdviceParty(string UserId, string Name, int? OrganizationId);

/// <summary>Which side of a thread a party is on.</summary>
public enum AdviceSide { None, Requester, Answerer }

/// <summary>
/// Advice from those who did it (先進地からの直接的な支援). Staff of another government ask a published case's government,
/// or its expert (only one who consented to be linked), for a call, a visit or a document review; the answering side
/// accepts, proposes a time or declines; both write messages and record the outcome. A thread exists only for its two
/// sides: to anyone else, the office included, it is not found.
/// </summary>
public sealed class AdviceService(MarketplaceDbContext db, CaseNotifications notify, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<int> CountForCaseAsync(int caseId, CancellationToken ct = default) => db.AdviceRequests.CountAsync(r => r.CaseId == caseId, ct);

    private IQueryable<AdviceRequest> Visible(AdviceParty who)
    {
        var expertIds = db.ExpertProfiles.Where(p => p.UserId == who.UserId).Select(p => p.Id);
        return db.AdviceRequests.Where(r =>
            (who.OrganizationId != null && r.RequesterOrganizationId == who.OrganizationId)
            || (r.ExpertProfileId != null && expertIds.Contains(r.ExpertProfileId.Value))
            || (r.ExpertProfileId == null && who.OrganizationId != null && r.Case!.OwnerOrganizationId == who.OrganizationId));
    }

    public Task<AdviceRequest?> FindAsync(AdviceParty who, int id, CancellationToken ct = default) =>
        Visible(who).Include(r => r.Case).Include(r => r.RequesterOrganization).Include(r => r.Messages.OrderBy(m => m.At))
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<List<AdviceRequest>> ListAsync(AdviceParty who, CancellationToken ct = default) =>
        Visible(who).AsNoTracking().Include(r => r.Case).Include(r => r.RequesterOrganization).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);

    public AdviceSide SideOf(AdviceParty who, AdviceRequest r) =>
        who.OrganizationId is { } org && r.RequesterOrganizationId == org ? AdviceSide.Requester
        : r.ExpertProfileId is null ? (who.OrganizationId is { } o && r.Case!.OwnerOrganizationId == o ? AdviceSide.Answerer : AdviceSide.None)
        : db.ExpertProfiles.Any(p => p.Id == r.ExpertProfileId && p.UserId == who.UserId) ? AdviceSide.Answerer : AdviceSide.None;

    /// <summary>The expert a request may go to: the case's linked expert who consented, if any.</summary>
    public Task<CasePerson?> ConsentedExpertAsync(int caseId, CancellationToken ct = default) =>
        db.CasePeople.AsNoTracking().Include(p => p.Expert)
            .Where(p => p.CaseId == caseId && p.ExpertProfileId != null && p.ExpertConsentedAt != null && p.Expert!.UserId != null)
            .OrderBy(p => p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Staff of another government ask for advice about a published case.</summary>
    public async Task<ServiceResult> RequestAsync(AdviceParty who, int caseId, string? to, string? kind, string? question, CancellationToken ct = default)
    {
        if (who.OrganizationId is not { } org) return ServiceResult.NotFound;
        var c = await db.Cases.Include(x => x.Governments).FirstOrDefaultAsync(x => x.Id == caseId && x.Status == CaseStatus.Published, ct);
        if (c is null) return ServiceResult.NotFound;
        if (c.OwnerOrganizationId == org || c.Governments.Any(g => g.OrganizationId == org)) return ServiceResult.Fail(t["Advice_OwnCase"]);
        var errors = new Dictionary<string, string>();
        if (!CaseCodes.AdviceKinds.Contains(kind)) errors.TryAdd("kind", t["Val_Choose", t["Advice_Kind"]]);
        var text = question?.Trim() ?? "";
        if (text.Length == 0) errors.TryAdd("question", t["Val_Required", t["Advice_Question"]]);
        else if (text.Length > AdviceRequestConfiguration.TextMax) errors.TryAdd("question", t["Val_TooLong", t["Advice_Question"], AdviceRequestConfiguration.TextMax, text.Length]);
        int? expertId = null;
        if (to == "expert")
        {
            var expert = await ConsentedExpertAsync(caseId, ct);
            if (expert is null) errors.TryAdd("to", t["Advice_NoExpert"]);
            else expertId = expert.ExpertProfileId;
        }
        else if (c.OwnerOrganizationId is null) errors.TryAdd("to", t["Advice_NoOwner"]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var r = new AdviceRequest
        {
            CaseId = c.Id, RequesterOrganizationId = org, RequesterUserId = who.UserId, ExpertProfileId = expertId,
            Kind = kind!, Question = text, Status = AdviceStatus.Requested, CreatedAt = Now,
        };
        // The mail links to the thread, whose id the first save gives; both saves commit together.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.AdviceRequests.Add(r);
            await db.SaveChangesAsync(ct);
            var requester = await db.Organizations.Where(o => o.Id == org).Select(o => o.NameJa).SingleAsync(ct);
            await notify.AdviceRequestedAsync(r, c, requester, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return ServiceResult.Ok(r.Id);
    }

    /// <summary>The answering side accepts, proposes a time (Japan time) or declines, with an optional note.</summary>
    public async Task<ServiceResult> AnswerAsync(AdviceParty who, int id, string? answer, string? time, string? note, string? token, CancellationToken ct = default)
    {
        var r = await FindAsync(who, id, ct);
        if (r is null) return ServiceResult.NotFound;
        if (SideOf(who, r) != AdviceSide.Answerer) return ServiceResult.Fail(t["Advice_OnlyAnswerer"]);
        if (r.Status is AdviceStatus.Declined or AdviceStatus.Completed) return ServiceResult.Fail(t["Advice_Closed"]);
        var errors = new Dictionary<string, string>();
        DateTime? proposed = null;
        switch (answer)
        {
            case "accept": break;
            case "decline": break;
            case "propose":
                if (!JapanTime.TryParse(time, out var utc)) errors.TryAdd("time", t["Call_Val_DateTime", t["Advice_ProposedTime"]]);
                else if (utc <= Now) errors.TryAdd("time", t["Advice_TimePast"]);
                else proposed = utc;
                break;
            default:
                errors.TryAdd("answer", t["Val_Choose", t["Advice_Answer"]]);
                break;
        }
        var text = note?.Trim() ?? "";
        if (text.Length > AdviceRequestConfiguration.TextMax) errors.TryAdd("note", t["Val_TooLong", t["Advice_Message"], AdviceRequestConfiguration.TextMax, text.Length]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        db.ExpectConcurrencyToken(r, token);
        r.Status = answer switch { "accept" => AdviceStatus.Accepted, "decline" => AdviceStatus.Declined, _ => AdviceStatus.TimeProposed };
        r.ProposedTime = proposed ?? r.ProposedTime;
        r.AnsweredAt = Now;
        if (text.Length > 0) r.Messages.Add(new AdviceMessage { AuthorUserId = who.UserId, AuthorName = who.Name, Text = text, At = Now });
        await notify.AdviceUpdatedAsync(r, r.Case!, toRequester: true, ct);
        return await db.SaveOrRefuseStaleAsync(t, r.Id, ct);
    }

    /// <summary>Either side writes on the thread; the other side is told.</summary>
    public async Task<ServiceResult> MessageAsync(AdviceParty who, int id, string? text, CancellationToken ct = default)
    {
        var r = await FindAsync(who, id, ct);
        if (r is null) return ServiceResult.NotFound;
        var side = SideOf(who, r);
        if (side == AdviceSide.None) return ServiceResult.NotFound;
        if (NumberFields.RequiredText(t, "text", text, "Advice_Message", AdviceRequestConfiguration.TextMax, out var s) is { } refused) return refused;
        r.Messages.Add(new AdviceMessage { AuthorUserId = who.UserId, AuthorName = who.Name, Text = s, At = Now });
        await notify.AdviceUpdatedAsync(r, r.Case!, toRequester: side == AdviceSide.Answerer, ct);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(r.Id);
    }

    /// <summary>Either side records what came of it; the thread is then closed.</summary>
    public async Task<ServiceResult> CompleteAsync(AdviceParty who, int id, string? outcome, string? token, CancellationToken ct = default)
    {
        var r = await FindAsync(who, id, ct);
        if (r is null) return ServiceResult.NotFound;
        var side = SideOf(who, r);
        if (side == AdviceSide.None) return ServiceResult.NotFound;
        if (r.Status is not (AdviceStatus.Accepted or AdviceStatus.TimeProposed)) return ServiceResult.Fail(t["Advice_NotAccepted"]);
        if (NumberFields.RequiredText(t, "outcome", outcome, "Advice_Outcome", AdviceRequestConfiguration.TextMax, out var s) is { } refused) return refused;
        db.ExpectConcurrencyToken(r, token);
        r.Status = AdviceStatus.Completed;
        r.Outcome = s;
        await notify.AdviceUpdatedAsync(r, r.Case!, toRequester: side == AdviceSide.Answerer, ct);
        return await db.SaveOrRefuseStaleAsync(t, r.Id, ct);
    }

    public string TokenOf(AdviceRequest r) => db.ConcurrencyTokenOf(r);
}

public static class AdvicePartyExtensions
{
    /// <summary>The signed-in user as a party to advice threads.</summary>
    public static AdviceParty AdviceParty(this System.Security.Claims.ClaimsPrincipal user) =>
        new(Accounts.IdentitySetup.UserId(user) ?? "", user.FindFirst("mp:name")?.Value ?? "", Accounts.IdentitySetup.OrganizationId(user));
}
