namespace Marketplace.Web.Features.Dispatch;

/// <summary>An expert's certification journey as the expert (or the office) sees it.</summary>
public sealed record CertificationStatus(
    ExpertProfile Profile,
    CertificationApplication? Application,
    Certification? Certification,
    IReadOnlyList<TrainingCourse> Courses,
    IReadOnlyDictionary<int, TrainingCompletion> Completed)
{
    public bool TrainingDone => Courses.SelectMany(c => c.Modules).All(m => Completed.ContainsKey(m.Id));
}

/// <summary>
/// National certification of CIOs: the expert applies with evidence and takes the CIO courses; the national office
/// reviews, certifies with a validity period, renews and revokes. The certification is the source of truth for the
/// profile's CertifiedCio flag (a valid certification ⇔ the flag), which matching and certified-only openings read.
/// </summary>
public sealed class CertificationService(MarketplaceDbContext db, DispatchNotifications notify, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxValidityYears = 10;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    public Task<List<TrainingCourse>> CoursesAsync(TrainingAudience audience, CancellationToken ct = default) =>
        db.TrainingCourses.AsNoTracking().Include(c => c.Modules.OrderBy(m => m.Order))
            .Where(c => c.Audience == audience).OrderBy(c => c.Id).ToListAsync(ct);

    private async Task<CertificationStatus> StatusOfAsync(ExpertProfile profile, CancellationToken ct)
    {
        var application = await db.CertificationApplications.AsNoTracking().Where(a => a.ExpertProfileId == profile.Id)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        // Tracked, so that the office's forms can carry its concurrency token.
        var certification = await db.Certifications.Include(c => c.Events.OrderBy(e => e.At))
            .FirstOrDefaultAsync(c => c.ExpertProfileId == profile.Id, ct);
        var courses = await CoursesAsync(TrainingAudience.Cio, ct);
        var completed = await db.TrainingCompletions.AsNoTracking().Where(c => c.ExpertProfileId == profile.Id).ToListAsync(ct);
        return new CertificationStatus(profile, application, certification, courses,
            completed.GroupBy(c => c.ModuleId).ToDictionary(g => g.Key, g => g.First()));
    }

    /// <summary>The signed-in expert's own status; null when they have no profile yet.</summary>
    public async Task<CertificationStatus?> ForExpertAsync(string userId, CancellationToken ct = default)
    {
        var profile = await db.ExpertProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        return profile is null ? null : await StatusOfAsync(profile, ct);
    }

    public async Task<ServiceResult> ApplyAsync(string userId, string? career, string? skills, string? references, CancellationToken ct = default)
    {
        var profile = await db.ExpertProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null || profile.FullName.Length == 0) return ServiceResult.Fail(t["Cert_NeedProfile"]);
        var errors = new Dictionary<string, string>();
        var fields = new NumberFields(t, errors);
        string Evidence(string field, string? value, string label) => fields.Text(field, value, label, CertificationApplicationConfiguration.EvidenceMax, required: true);
        var c = Evidence("CareerEvidence", career, "Cert_CareerEvidence");
        var s = Evidence("SkillsEvidence", skills, "Cert_SkillsEvidence");
        var r = Evidence("References", references, "Cert_References");
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        if (await db.CertificationApplications.AnyAsync(a => a.ExpertProfileId == profile.Id
                && (a.Status == CertificationApplicationStatus.Submitted || a.Status == CertificationApplicationStatus.Approved), ct))
            return ServiceResult.Fail(t["Cert_AlreadyPending"]);
        var today = Today;
        if (await db.Certifications.AnyAsync(x => x.ExpertProfileId == profile.Id && x.RevokedAt == null && x.ValidUntil >= today, ct))
            return ServiceResult.Fail(t["Cert_AlreadyCertified"]);
        var application = new CertificationApplication
        {
            ExpertProfileId = profile.Id, CareerEvidence = c, SkillsEvidence = s, References = r,
            Status = CertificationApplicationStatus.Submitted, SubmittedAt = Now,
        };
        db.CertificationApplications.Add(application);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(application.Id);
    }

    /// <summary>The expert records finishing a CIO-course module (e-learning), once an application is in.</summary>
    public async Task<ServiceResult> CompleteModuleAsync(string userId, int moduleId, CancellationToken ct = default)
    {
        var profile = await db.ExpertProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) return ServiceResult.NotFound;
        var module = await db.TrainingModules.Include(m => m.Course).FirstOrDefaultAsync(m => m.Id == moduleId && m.Course!.Audience == TrainingAudience.Cio, ct);
        if (module is null) return ServiceResult.NotFound;
        var enrolled = await db.CertificationApplications.AnyAsync(a => a.ExpertProfileId == profile.Id && a.Status != CertificationApplicationStatus.Rejected, ct)
            || await db.Certifications.AnyAsync(c => c.ExpertProfileId == profile.Id, ct);
        if (!enrolled) return ServiceResult.Fail(t["Course_ApplyFirst"]);
        if (await db.TrainingCompletions.AnyAsync(c => c.ExpertProfileId == profile.Id && c.ModuleId == moduleId, ct))
            return ServiceResult.Fail(t["Course_AlreadyCompleted"]);
        db.TrainingCompletions.Add(new TrainingCompletion
        {
            ModuleId = moduleId, ExpertProfileId = profile.Id, PersonName = profile.FullName,
            CompletedOn = Today, RecordedAt = Now, RecordedByUserId = userId,
        });
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(moduleId);
    }

    public async Task<Paged<CertificationApplication>> ApplicationsAsync(CertificationApplicationStatus? status, string? q, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.CertificationApplications.AsNoTracking().Include(a => a.Expert).AsQueryable();
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(q))
        {
            // A name as typed, with or without a space between family and given name, half- or full-width (山田　花子).
            var compact = JapaneseText.WithoutSpaces(q);
            query = query.Where(a => a.Expert!.FullName.Replace(" ", "").Replace("\u3000", "").Contains(compact));
        }
        return await query.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id).ToPagedAsync(page, pageSize, ct);
    }

    /// <summary>One application with everything the office needs to decide (office only).</summary>
    public async Task<(CertificationApplication Application, CertificationStatus Status)?> ApplicationForOfficeAsync(int id, CancellationToken ct = default)
    {
        var application = await db.CertificationApplications.AsNoTracking().Include(a => a.Expert).ThenInclude(e => e!.Skills)
            .Include(a => a.Expert).ThenInclude(e => e!.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return null;
        return (application, await StatusOfAsync(application.Expert!, ct));
    }

    public string TokenOf(IVersioned entity) => db.ConcurrencyTokenOf(entity);

    public async Task<string> TokenOfApplicationAsync(int id, CancellationToken ct = default) =>
        db.ConcurrencyTokenOf(await db.CertificationApplications.SingleAsync(a => a.Id == id, ct));

    /// <summary>The office approves the evidence (training then follows) or rejects it with a reason.</summary>
    public async Task<ServiceResult> ReviewAsync(string officeUserId, int applicationId, bool approve, string? reason, string? token, CancellationToken ct = default)
    {
        var application = await db.CertificationApplications.FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return ServiceResult.NotFound;
        if (application.Status != CertificationApplicationStatus.Submitted) return ServiceResult.Fail(t["Cert_NotAwaitingReview"]);
        var text = reason?.Trim() ?? "";
        if (!approve && text.Length == 0) return ServiceResult.Invalid(new Dictionary<string, string> { ["reason"] = t["Val_Required", t["Cert_DecisionReason"]] });
        if (text.Length > 1_000) return ServiceResult.Invalid(new Dictionary<string, string> { ["reason"] = t["Val_TooLong", t["Cert_DecisionReason"], 1_000, text.Length] });
        db.ExpectConcurrencyToken(application, token);
        application.Status = approve ? CertificationApplicationStatus.Approved : CertificationApplicationStatus.Rejected;
        application.DecisionReason = text.Length == 0 ? null : text;
        application.ReviewedAt = Now;
        application.ReviewedByUserId = officeUserId;
        await notify.CertificationAsync(application.ExpertProfileId,
            approve ? DispatchNotifications.CertificationNews.Approved : DispatchNotifications.CertificationNews.Rejected, text, ct);
        return await SaveAsync(application.Id, ct);
    }

    /// <summary>Certifies an approved applicant who completed every CIO-course module, valid until the given day.</summary>
    public async Task<ServiceResult> CertifyAsync(string officeUserId, int applicationId, string? validUntilText, string? token, CancellationToken ct = default)
    {
        var application = await db.CertificationApplications.Include(a => a.Expert).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return ServiceResult.NotFound;
        if (application.Status != CertificationApplicationStatus.Approved) return ServiceResult.Fail(t["Cert_NotApproved"]);
        if (ValidUntil(validUntilText, null) is not { } until) return ValidityError(validUntilText, null);
        var moduleIds = await db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Cio).Select(m => m.Id).ToListAsync(ct);
        var done = await db.TrainingCompletions.Where(c => c.ExpertProfileId == application.ExpertProfileId).Select(c => c.ModuleId).ToListAsync(ct);
        var missing = moduleIds.Except(done).Count();
        if (missing > 0) return ServiceResult.Fail(t["Cert_TrainingIncomplete", missing]);

        db.ExpectConcurrencyToken(application, token);
        var certification = await db.Certifications.FirstOrDefaultAsync(c => c.ExpertProfileId == application.ExpertProfileId, ct);
        if (certification is null)
        {
            certification = new Certification { ExpertProfileId = application.ExpertProfileId };
            db.Certifications.Add(certification);
        }
        certification.ApplicationId = application.Id;
        certification.ValidFrom = Today;
        certification.ValidUntil = until;
        certification.RevokedAt = null;
        certification.RevokedReason = null;
        certification.Events.Add(new CertificationEvent { Kind = CertificationEventKind.Certified, ValidUntil = until, At = Now, ByUserId = officeUserId });
        application.Status = CertificationApplicationStatus.Certified;
        application.Expert!.CertifiedCio = true;
        await notify.CertificationAsync(application.ExpertProfileId, DispatchNotifications.CertificationNews.Certified, $"{until:yyyy-MM-dd}", ct);
        return await SaveAsync(application.Id, ct);
    }

    public async Task<ServiceResult> RenewAsync(string officeUserId, int certificationId, string? validUntilText, string? token, CancellationToken ct = default)
    {
        var certification = await db.Certifications.Include(c => c.Expert).FirstOrDefaultAsync(c => c.Id == certificationId, ct);
        if (certification is null) return ServiceResult.NotFound;
        if (certification.RevokedAt is not null) return ServiceResult.Fail(t["Cert_RevokedCannotRenew"]);
        if (ValidUntil(validUntilText, certification.ValidUntil) is not { } until) return ValidityError(validUntilText, certification.ValidUntil);
        db.ExpectConcurrencyToken(certification, token);
        certification.ValidUntil = until;
        certification.Events.Add(new CertificationEvent { Kind = CertificationEventKind.Renewed, ValidUntil = until, At = Now, ByUserId = officeUserId });
        certification.Expert!.CertifiedCio = certification.IsValidOn(Today);
        await notify.CertificationAsync(certification.ExpertProfileId, DispatchNotifications.CertificationNews.Renewed, $"{until:yyyy-MM-dd}", ct);
        return await SaveAsync(certification.ApplicationId ?? 0, ct);
    }

    public async Task<ServiceResult> RevokeAsync(string officeUserId, int certificationId, string? reason, string? token, CancellationToken ct = default)
    {
        var certification = await db.Certifications.Include(c => c.Expert).FirstOrDefaultAsync(c => c.Id == certificationId, ct);
        if (certification is null) return ServiceResult.NotFound;
        if (certification.RevokedAt is not null) return ServiceResult.Fail(t["Cert_AlreadyRevoked"]);
        if (NumberFields.RequiredText(t, "reason", reason, "Cert_RevokeReason", 1_000, out var text) is { } refused) return refused;
        db.ExpectConcurrencyToken(certification, token);
        certification.RevokedAt = Now;
        certification.RevokedReason = text;
        certification.Events.Add(new CertificationEvent { Kind = CertificationEventKind.Revoked, Reason = text, At = Now, ByUserId = officeUserId });
        certification.Expert!.CertifiedCio = false;
        await notify.CertificationAsync(certification.ExpertProfileId, DispatchNotifications.CertificationNews.Revoked, text, ct);
        return await SaveAsync(certification.ApplicationId ?? 0, ct);
    }

    /// <summary>
    /// Brings every profile's CertifiedCio flag in line with its certification (expired ones lose it). Run daily,
    /// because expiry happens by the calendar, not by anyone's action. Returns how many profiles changed.
    /// </summary>
    public async Task<int> SyncFlagsAsync(CancellationToken ct = default)
    {
        var today = Today;
        var validIds = await db.Certifications.Where(c => c.RevokedAt == null && c.ValidFrom <= today && c.ValidUntil >= today)
            .Select(c => c.ExpertProfileId).ToListAsync(ct);
        var wrong = await db.ExpertProfiles.Where(p => (p.CertifiedCio && !validIds.Contains(p.Id)) || (!p.CertifiedCio && validIds.Contains(p.Id))).ToListAsync(ct);
        foreach (var p in wrong) p.CertifiedCio = validIds.Contains(p.Id);
        await db.SaveChangesAsync(ct);
        return wrong.Count;
    }

    private DateOnly? ValidUntil(string? text, DateOnly? current)
    {
        if (!Openings.OpeningService.TryParseDate(text, out var until)) return null;
        var floor = current is { } c && c > Today ? c : Today;
        return until > floor && until <= Today.AddYears(MaxValidityYears) ? until : null;
    }

    private ServiceResult ValidityError(string? text, DateOnly? current)
    {
        if (!Openings.OpeningService.TryParseDate(text, out _))
            return ServiceResult.Invalid(new Dictionary<string, string> { ["validUntil"] = t["Val_Date", t["Cert_ValidUntil"]] });
        var floor = current is { } c && c > Today ? c : Today;
        return ServiceResult.Invalid(new Dictionary<string, string> { ["validUntil"] = t["Cert_ValidUntilRange", DisplayFormatter.Wareki(floor), MaxValidityYears] });
    }

    private Task<ServiceResult> SaveAsync(int id, CancellationToken ct) => db.SaveOrRefuseStaleAsync(t, id, ct);
}
