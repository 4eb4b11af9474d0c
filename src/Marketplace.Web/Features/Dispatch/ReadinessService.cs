namespace Marketplace.Web.Features.Dispatch;

/// <summary>A host government's readiness: the checklist and who of its staff completed the host course.</summary>
public sealed record HostReadinessStatus(
    HostReadiness? Checklist,
    IReadOnlyList<TrainingCourse> Courses,
    IReadOnlyList<TrainingCompletion> Completions)
{
    /// <summary>Staff who completed every module of the host course(s).</summary>
    public IReadOnlyList<string> TrainedPeople =>
        Completions.GroupBy(c => c.PersonName)
            .Where(g => Courses.SelectMany(c => c.Modules).All(m => g.Any(c => c.ModuleId == m.Id)))
            .Select(g => g.Key).Order().ToList();

    public bool ChecklistFilled => Checklist?.ChecklistFilled == true;
    public bool IsReady => ChecklistFilled && TrainedPeople.Count > 0;
}

/// <summary>
/// Host readiness, a condition of dispatch: named staff of the government complete the host course (recorded by
/// that government's staff) and the readiness checklist is filled (CIO named, support staff named, decision rights stated).
/// </summary>
public sealed class ReadinessService(MarketplaceDbContext db, CertificationService certification, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public async Task<HostReadinessStatus> StatusAsync(int organizationId, CancellationToken ct = default)
    {
        var checklist = await db.HostReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.OrganizationId == organizationId, ct);
        var courses = await certification.CoursesAsync(TrainingAudience.Host, ct);
        var completions = await db.TrainingCompletions.AsNoTracking().Include(c => c.Module)
            .Where(c => c.OrganizationId == organizationId).OrderBy(c => c.PersonName).ThenBy(c => c.ModuleId).ToListAsync(ct);
        return new HostReadinessStatus(checklist, courses, completions);
    }

    /// <summary>Which of these governments are not ready (empty when all are).</summary>
    public async Task<List<int>> NotReadyAsync(IEnumerable<int> organizationIds, CancellationToken ct = default)
    {
        var notReady = new List<int>();
        foreach (var id in organizationIds)
        {
            if (!(await StatusAsync(id, ct)).IsReady) notReady.Add(id);
        }
        return notReady;
    }

    public async Task<string?> TokenAsync(int organizationId, CancellationToken ct = default)
    {
        var row = await db.HostReadiness.FirstOrDefaultAsync(r => r.OrganizationId == organizationId, ct);
        return row is null ? null : db.ConcurrencyTokenOf(row);
    }

    public async Task<ServiceResult> SaveChecklistAsync(int organizationId, string userId, string? cioName, string? supportStaff, string? decisionRights, string? token, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var fields = new NumberFields(t, errors);
        var cio = fields.Text("CioName", cioName, "Dispatch_ReadyCioName", 200, required: true);
        var staff = fields.Text("SupportStaff", supportStaff, "Dispatch_ReadySupportStaff", HostReadinessConfiguration.FieldMax, required: true);
        var rights = fields.Text("DecisionRights", decisionRights, "Dispatch_ReadyDecisionRights", HostReadinessConfiguration.FieldMax, required: true);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var row = await db.HostReadiness.FirstOrDefaultAsync(r => r.OrganizationId == organizationId, ct);
        if (row is null)
        {
            row = new HostReadiness { OrganizationId = organizationId };
            db.HostReadiness.Add(row);
        }
        else
        {
            db.ExpectConcurrencyToken(row, token);
        }
        row.CioName = cio;
        row.SupportStaff = staff;
        row.DecisionRights = rights;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedByUserId = userId;
        // Two first saves at once: the unique index kept one; the other is told to reload.
        return await db.SaveOrRefuseStaleAsync(t, () => row.Id, ct, duplicateIsStale: true);
    }

    /// <summary>The government records that one of its staff completed a host-course module.</summary>
    public async Task<ServiceResult> RecordCompletionAsync(int organizationId, string userId, string? personName, int moduleId, string? completedOnText, CancellationToken ct = default)
    {
        var module = await db.TrainingModules.FirstOrDefaultAsync(m => m.Id == moduleId && m.Course!.Audience == TrainingAudience.Host, ct);
        var errors = new Dictionary<string, string>();
        if (module is null) errors.TryAdd("moduleId", t["Val_Choose", t["Course_Module"]]);
        var name = personName?.Trim() ?? "";
        if (name.Length == 0) errors.TryAdd("personName", t["Val_Required", t["Course_PersonName"]]);
        else if (name.Length > 100) errors.TryAdd("personName", t["Val_TooLong", t["Course_PersonName"], 100, name.Length]);
        var completedOn = new NumberFields(t, errors).Date("completedOn", completedOnText, "Course_CompletedOn", required: true);
        var today = DisplayFormatter.TodayInJapan(clock);
        if (completedOn is { } d && (d > today || d < today.AddYears(-5))) errors.TryAdd("completedOn", t["Course_CompletedOnRange"]);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        if (await db.TrainingCompletions.AnyAsync(c => c.OrganizationId == organizationId && c.ModuleId == moduleId && c.PersonName == name, ct))
            return ServiceResult.Fail(t["Course_PersonAlreadyCompleted", name]);
        db.TrainingCompletions.Add(new TrainingCompletion
        {
            ModuleId = moduleId, OrganizationId = organizationId, PersonName = name, CompletedOn = completedOn!.Value,
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedByUserId = userId,
        });
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(moduleId);
    }
}
