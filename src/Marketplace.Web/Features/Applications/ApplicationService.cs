namespace Marketplace.Web.Features.Applications;

/// <summary>
/// Applications from the expert's side and the posting government's side. Every method is scoped:
/// an expert reaches only their own applications, staff only applications to their government's openings;
/// anything else is "not found".
/// </summary>
public sealed class ApplicationService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, ApplicationNotifications notify)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    public Task<ExpertProfile?> ProfileOfAsync(string userId, CancellationToken ct = default) =>
        db.ExpertProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);

    /// <summary>Why an expert cannot apply to this opening now, or null if they can.</summary>
    public string? RefusalFor(Opening opening, ExpertProfile? profile, bool alreadyApplied)
    {
        if (profile is null || string.IsNullOrWhiteSpace(profile.FullName)) return t["Apply_NeedProfile"];
        if (alreadyApplied) return t["Apply_AlreadyApplied"];
        if (opening.Status != OpeningStatus.Published) return t["Apply_NotOpen"];
        if (opening.ApplicationDeadline < Today) return t["Apply_DeadlinePassed"];
        if (opening.CertifiedCioOnly && !profile.CertifiedCio) return t["Apply_CertifiedOnly"];
        return null;
    }

    public async Task<ServiceResult<Application>> ApplyAsync(string userId, int openingId, string? motivation, CancellationToken ct = default)
    {
        var opening = await db.Openings.FirstOrDefaultAsync(o => o.Id == openingId && o.Status != OpeningStatus.Draft, ct);
        if (opening is null) return ServiceResult<Application>.NotFound;
        var profile = await ProfileOfAsync(userId, ct);
        var applied = profile is not null && await db.Applications.AnyAsync(a => a.OpeningId == openingId && a.ExpertProfileId == profile.Id, ct);
        if (RefusalFor(opening, profile, applied) is { } refusal) return ServiceResult<Application>.Fail(refusal);

        var text = motivation?.Trim() ?? "";
        if (text.Length == 0) return ServiceResult<Application>.Fail(t["Val_Required", t["Field_Motivation"]]);
        if (text.Length > ApplicationConfiguration.MotivationMax) return ServiceResult<Application>.Fail(t["Val_TooLong", t["Field_Motivation"], ApplicationConfiguration.MotivationMax, text.Length]);

        var application = new Application
        {
            OpeningId = openingId,
            ExpertProfileId = profile!.Id,
            Stage = Stages.Applied,
            Motivation = text,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        application.History.Add(new ApplicationStageChange { ToStage = Stages.Applied, ChangedAt = Now, ByExpert = true, Reason = "" });
        db.Applications.Add(application);
        await notify.NewApplicationAsync(application, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult<Application>.Ok(application);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // A concurrent submit won the race; the unique index kept it to one application.
            if (await db.Applications.AnyAsync(a => a.OpeningId == openingId && a.ExpertProfileId == profile.Id, ct))
            {
                return ServiceResult<Application>.Fail(t["Apply_AlreadyApplied"]);
            }
            throw;
        }
    }

    public Task<List<Application>> MineAsync(string userId, CancellationToken ct = default) =>
        db.Applications.AsNoTracking().Include(a => a.Opening).ThenInclude(o => o!.Organization)
            .Where(a => a.Expert!.UserId == userId)
            .OrderByDescending(a => a.UpdatedAt).ToListAsync(ct);

    public Task<Application?> FindForExpertAsync(string userId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(a => a.Id == id && a.Expert!.UserId == userId, ct);

    public Task<Application?> FindForStaffAsync(int organizationId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(a => a.Id == id && a.Opening!.OrganizationId == organizationId, ct);

    private IQueryable<Application> WithDetails() =>
        db.Applications
            .Include(a => a.Opening).ThenInclude(o => o!.Organization)
            .Include(a => a.Expert).ThenInclude(e => e!.Skills)
            .Include(a => a.Expert).ThenInclude(e => e!.Career)
            .Include(a => a.Expert).ThenInclude(e => e!.User)
            .Include(a => a.History)
            .Include(a => a.Messages)
            .AsSplitQuery();

    /// <summary>The expert withdraws an application that is still open.</summary>
    public Task<ServiceResult<Application>> WithdrawAsync(string userId, int id, string? token, CancellationToken ct = default, string? reason = null) =>
        ExpertMoveAsync(userId, id, token, Stages.Withdrawn, a => Stages.IsOpen(a.Stage) ? null : t["Stage_CannotWithdraw"].Value, ct, reason);

    /// <summary>The expert turns an offer down.</summary>
    public Task<ServiceResult<Application>> DeclineOfferAsync(string userId, int id, string? token, CancellationToken ct = default) =>
        ExpertMoveAsync(userId, id, token, Stages.Declined, a => a.Stage == Stages.Offered ? null : t["Stage_NoOfferToDecline"].Value, ct);

    private async Task<ServiceResult<Application>> ExpertMoveAsync(string userId, int id, string? token, string to, Func<Application, string?> check, CancellationToken ct, string? reason = null)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.Expert!.UserId == userId, ct);
        if (application is null) return ServiceResult<Application>.NotFound;
        if (check(application) is { } refusal) return ServiceResult<Application>.Fail(refusal);
        var why = reason?.Trim() ?? "";
        if (why.Length > Infrastructure.ConfirmStep.MaxReason) return ServiceResult<Application>.Fail(t["Val_TooLong", t["Application_WithdrawReason"], Infrastructure.ConfirmStep.MaxReason, why.Length]);
        return await MoveAsync(application, token, to, why, null, byExpert: true, ct);
    }

    /// <summary>Staff of the posting government move an applicant on, with a reason that is kept.</summary>
    public async Task<ServiceResult<Application>> StaffMoveAsync(int organizationId, string staffUserId, int id, string? toStage, string? reason, string? token, CancellationToken ct = default)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id && a.Opening!.OrganizationId == organizationId, ct);
        if (application is null) return ServiceResult<Application>.NotFound;
        if (toStage is null || !Stages.StaffMovesFrom(application.Stage).Contains(toStage))
        {
            return ServiceResult<Application>.Fail(t["Stage_MoveNotAllowed", t[$"Stage_{application.Stage}"], t[$"Stage_{toStage ?? "unknown"}"]]);
        }
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) return ServiceResult<Application>.Fail(t["Val_Required", t["Field_StageReason"]]);
        if (text.Length > 1_000) return ServiceResult<Application>.Fail(t["Val_TooLong", t["Field_StageReason"], 1_000, text.Length]);
        return await MoveAsync(application, token, toStage, text, staffUserId, byExpert: false, ct);
    }

    private async Task<ServiceResult<Application>> MoveAsync(Application application, string? token, string to, string reason, string? byUserId, bool byExpert, CancellationToken ct)
    {
        db.ExpectConcurrencyToken(application, token);
        await notify.StageChangedAsync(application, application.Stage, to, reason, byExpert, ct);
        application.History.Add(new ApplicationStageChange
        {
            ApplicationId = application.Id,
            FromStage = application.Stage,
            ToStage = to,
            Reason = reason,
            ChangedAt = Now,
            ChangedByUserId = byUserId,
            ByExpert = byExpert,
        });
        application.Stage = to;
        application.UpdatedAt = Now;
        return await db.SaveOrRefuseStaleAsync(t, application, ct);
    }

    public Task<ServiceResult<Application>> ExpertMessageAsync(string userId, int id, string? body, CancellationToken ct = default) =>
        MessageAsync(db.Applications.Where(a => a.Id == id && a.Expert!.UserId == userId), userId, fromExpert: true, body, ct);

    public Task<ServiceResult<Application>> StaffMessageAsync(int organizationId, string staffUserId, int id, string? body, CancellationToken ct = default) =>
        MessageAsync(db.Applications.Where(a => a.Id == id && a.Opening!.OrganizationId == organizationId), staffUserId, fromExpert: false, body, ct);

    private async Task<ServiceResult<Application>> MessageAsync(IQueryable<Application> scope, string authorId, bool fromExpert, string? body, CancellationToken ct)
    {
        var application = await scope.FirstOrDefaultAsync(ct);
        if (application is null) return ServiceResult<Application>.NotFound;
        var text = body?.Trim() ?? "";
        if (text.Length == 0) return ServiceResult<Application>.Fail(t["Val_Required", t["Field_Message"]]);
        if (text.Length > ApplicationMessageConfiguration.BodyMax) return ServiceResult<Application>.Fail(t["Val_TooLong", t["Field_Message"], ApplicationMessageConfiguration.BodyMax, text.Length]);
        db.ApplicationMessages.Add(new ApplicationMessage { ApplicationId = application.Id, AuthorUserId = authorId, FromExpert = fromExpert, Body = text, SentAt = Now });
        await notify.MessageAsync(application, fromExpert, ct);
        await db.SaveChangesAsync(ct);
        return ServiceResult<Application>.Ok(application);
    }

    /// <summary>Applicants of one of the government's own openings; null when the opening is not theirs.</summary>
    public async Task<(Opening Opening, List<Application> Applicants)?> ApplicantsAsync(int organizationId, int openingId, string? stage, CancellationToken ct = default)
    {
        var opening = await db.Openings.AsNoTracking().FirstOrDefaultAsync(o => o.Id == openingId && o.OrganizationId == organizationId, ct);
        if (opening is null) return null;
        var q = db.Applications.AsNoTracking().Include(a => a.Expert).ThenInclude(e => e!.User).Where(a => a.OpeningId == openingId);
        if (!string.IsNullOrEmpty(stage) && Stages.All.Contains(stage)) q = q.Where(a => a.Stage == stage);
        return (opening, await q.OrderBy(a => a.CreatedAt).ToListAsync(ct));
    }
}
