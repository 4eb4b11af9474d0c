namespace Marketplace.Web.Features.Cases;

/// <summary>A case's form as typed. KPI and people rows are parallel lists; an all-empty row is ignored.</summary>
public sealed class CaseInput
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Lessons { get; set; }
    public string? PeriodFrom { get; set; }
    public string? PeriodTo { get; set; }
    public List<string> Themes { get; set; } = [];
    public List<string> Obstacles { get; set; } = [];
    public List<string> SuccessFactors { get; set; } = [];
    /// <summary>団体コード of the other governments of a joint case.</summary>
    public string? OtherGovernmentCodes { get; set; }
    public string? BudgetYen { get; set; }
    public string? FundingSource { get; set; }
    public List<string?> KpiName { get; set; } = [];
    public List<string?> KpiBefore { get; set; } = [];
    public List<string?> KpiAfter { get; set; } = [];
    public List<string?> KpiUnit { get; set; } = [];
    public List<string?> PersonRole { get; set; } = [];
    public List<string?> PersonName { get; set; } = [];

    public static CaseInput From(CaseStudy c) => new()
    {
        Title = c.Title, Summary = c.Summary, Body = c.Body, Lessons = c.Lessons,
        PeriodFrom = c.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodTo = c.PeriodTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Themes = [.. c.Themes], Obstacles = [.. c.Obstacles], SuccessFactors = [.. c.SuccessFactors],
        OtherGovernmentCodes = string.Join('\n', c.Governments.Where(g => g.OrganizationId != c.OwnerOrganizationId).Select(g => g.Organization?.Code)),
        BudgetYen = c.BudgetYen?.ToString(CultureInfo.InvariantCulture), FundingSource = c.FundingSource,
        KpiName = c.Kpis.OrderBy(k => k.Order).Select(k => (string?)k.Name).ToList(),
        KpiBefore = c.Kpis.OrderBy(k => k.Order).Select(k => (string?)CaseDisplay.Number(k.Before)).ToList(),
        KpiAfter = c.Kpis.OrderBy(k => k.Order).Select(k => (string?)CaseDisplay.Number(k.After)).ToList(),
        KpiUnit = c.Kpis.OrderBy(k => k.Order).Select(k => (string?)k.Unit).ToList(),
        PersonRole = c.People.Where(p => p.ExpertProfileId is null).Select(p => (string?)p.Role).ToList(),
        PersonName = c.People.Where(p => p.ExpertProfileId is null).Select(p => (string?)p.Name).ToList(),
    };
}

/// <summary>A KPI row as read from a form: figures in any width, with separators.</summary>
public sealed record KpiRow(string Name, decimal Before, decimal After, string Unit) : IKpiFigures;

/// <summary>
/// The case library's life cycle. A draft and a submitted case are seen by its owning government and the office only;
/// the public sees published cases. The owner edits a draft and submits it; the office publishes or sends it back.
/// A case made from a dispatch's final report starts as the host's draft, in one step, when the host consents.
/// </summary>
public sealed class CaseService(MarketplaceDbContext db, TaxonomyCatalog taxonomy, CaseNotifications notify, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxKpis = 10;
    public const int MaxPeople = 10;
    public const int MaxGovernments = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<CaseStudy> WithDetails() =>
        db.Cases.Include(c => c.Governments).ThenInclude(g => g.Organization)
            .Include(c => c.OwnerOrganization)
            .Include(c => c.Kpis)
            .Include(c => c.People).ThenInclude(p => p.Expert)
            .Include(c => c.Attachments.OrderBy(a => a.Id))
            .AsSplitQuery();

    public Task<CaseStudy?> PublicAsync(int id, CancellationToken ct = default) =>
        WithDetails().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Status == CaseStatus.Published, ct);

    public Task<CaseStudy?> ForOwnerAsync(int organizationId, int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(c => c.Id == id && c.OwnerOrganizationId == organizationId, ct);

    public Task<CaseStudy?> ForOfficeAsync(int id, CancellationToken ct = default) =>
        WithDetails().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<List<CaseStudy>> OfOwnerAsync(int organizationId, CancellationToken ct = default) =>
        db.Cases.AsNoTracking().Where(c => c.OwnerOrganizationId == organizationId).OrderByDescending(c => c.UpdatedAt).ToListAsync(ct);

    /// <summary>The office's list: submitted cases first, then the rest, newest first.</summary>
    public Task<Paged<CaseStudy>> ForOfficeListAsync(CaseStatus? status, int page, CancellationToken ct = default)
    {
        var q = db.Cases.AsNoTracking().Include(c => c.OwnerOrganization).AsQueryable();
        if (status is { } s) q = q.Where(c => c.Status == s);
        return q.OrderBy(c => c.Status == CaseStatus.Submitted ? 0 : 1).ThenByDescending(c => c.UpdatedAt).ToPagedAsync(page, ct: ct);
    }

    public string TokenOf(CaseStudy c) => db.ConcurrencyTokenOf(c);

    /// <summary>A new draft written by a government about itself, or by the office (<paramref name="organizationId"/> null).</summary>
    public async Task<ServiceResult> CreateAsync(int? organizationId, string userId, CaseInput input, CancellationToken ct = default)
    {
        var c = new CaseStudy
        {
            OwnerOrganizationId = organizationId,
            Source = organizationId is null ? CaseSource.Office : CaseSource.Government,
            Status = CaseStatus.Draft,
            CreatedByUserId = userId,
            CreatedAt = Now,
        };
        var errors = await ApplyAsync(c, input, ct);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        db.Cases.Add(c);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(c.Id);
    }

    /// <summary>Edits a draft (the owner) or any unpublished case (the office).</summary>
    public async Task<ServiceResult> UpdateAsync(int? organizationId, int id, CaseInput input, string? token, CancellationToken ct = default)
    {
        var c = organizationId is { } org ? await ForOwnerAsync(org, id, ct) : await ForOfficeAsync(id, ct);
        if (c is null) return ServiceResult.NotFound;
        if (organizationId is not null && c.Status != CaseStatus.Draft) return ServiceResult.Fail(t["Case_NotEditable"]);
        db.ExpectConcurrencyToken(c, token);
        var errors = await ApplyAsync(c, input, ct);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        return await db.SaveOrRefuseStaleAsync(t, c.Id, ct);
    }

    /// <summary>The owner sends a complete draft to the office for review.</summary>
    public async Task<ServiceResult> SubmitAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        await ReviewStepAsync(await ForOwnerAsync(organizationId, id, ct), token,
            c => c.Status != CaseStatus.Draft ? t["Case_NotEditable"].Value : Incomplete(c),
            c =>
            {
                c.Status = CaseStatus.Submitted;
                c.SubmittedAt = Now;
                c.ReviewNote = null;
            }, c => notify.SubmittedAsync(c, ct), ct);

    /// <summary>The office publishes a submitted case (or its own draft).</summary>
    public async Task<ServiceResult> PublishAsync(string officeUserId, int id, string? token, CancellationToken ct = default) =>
        await ReviewStepAsync(await ForOfficeAsync(id, ct), token,
            c => c.Status == CaseStatus.Published ? t["Case_AlreadyPublished"].Value
                : c.Status == CaseStatus.Draft && c.OwnerOrganizationId is not null ? t["Case_NotSubmitted"].Value
                : Incomplete(c),
            c =>
            {
                c.Status = CaseStatus.Published;
                c.PublishedAt = Now;
                c.PublishedByUserId = officeUserId;
            }, c => notify.PublishedAsync(c, ct), ct);

    /// <summary>
    /// A step of a case's review (submit, publish): refused with the message <paramref name="refusal"/> gives, changing
    /// nothing; otherwise changed, its people told, and saved against the token the page was loaded with.
    /// </summary>
    private async Task<ServiceResult> ReviewStepAsync(CaseStudy? c, string? token, Func<CaseStudy, string?> refusal, Action<CaseStudy> change,
        Func<CaseStudy, Task> tell, CancellationToken ct)
    {
        if (c is null) return ServiceResult.NotFound;
        if (refusal(c) is { } message) return ServiceResult.Fail(message);
        db.ExpectConcurrencyToken(c, token);
        change(c);
        await tell(c);
        return await db.SaveOrRefuseStaleAsync(t, c.Id, ct);
    }

    /// <summary>The office sends a submitted case back to its owner with a note of what to change.</summary>
    public async Task<ServiceResult> ReturnAsync(int id, string? note, string? token, CancellationToken ct = default)
    {
        var c = await ForOfficeAsync(id, ct);
        if (c is null) return ServiceResult.NotFound;
        if (c.Status != CaseStatus.Submitted) return ServiceResult.Fail(t["Case_NotSubmitted"]);
        if (NumberFields.RequiredText(t, "note", note, "Case_ReviewNote", 1_000, out var text) is { } refused) return refused;
        db.ExpectConcurrencyToken(c, token);
        c.Status = CaseStatus.Draft;
        c.ReviewNote = text;
        await notify.ReturnedAsync(c, ct);
        return await db.SaveOrRefuseStaleAsync(t, c.Id, ct);
    }

    private string? Incomplete(CaseStudy c) =>
        c.Obstacles.Count == 0 ? t["Case_NeedsObstacle"].Value
        : c.SuccessFactors.Count == 0 ? t["Case_NeedsFactor"].Value
        : c.Kpis.Count == 0 ? t["Case_NeedsKpi"].Value
        : null;

    /// <summary>
    /// The filing host consents to the dispatch's final report becoming a case: a draft owned by the host, with the
    /// report, the KPIs, both sides' lessons, the request's themes and obstacles and the hosts as governments. The CIO is
    /// linked only if the CIO agreed with the report.
    /// </summary>
    public async Task<ServiceResult> FromDispatchAsync(int organizationId, string userId, int dispatchId, CancellationToken ct = default)
    {
        var d = await db.Dispatches.Include(x => x.Kpis).Include(x => x.Request).ThenInclude(r => r!.Hosts).ThenInclude(h => h.Organization)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == dispatchId && x.Request!.Hosts.Any(h => h.OrganizationId == organizationId), ct);
        if (d is null) return ServiceResult.NotFound;
        if (d.Request!.LeadOrganizationId != organizationId) return ServiceResult.Fail(t["Dispatch_OnlyLeadEvaluates"]);
        if (string.IsNullOrEmpty(d.FinalReport)) return ServiceResult.Fail(t["Case_NoReportYet"]);
        if (await db.Cases.AnyAsync(c => c.DispatchId == d.Id, ct)) return ServiceResult.Fail(t["Case_AlreadyMade"]);

        var hosts = d.Request.Hosts.OrderByDescending(h => h.IsLead).ThenBy(h => h.OrganizationId).ToList();
        var names = string.Join("・", hosts.Select(h => h.Organization!.NameJa));
        var lessons = string.Join("\n\n", new[] { d.ReportLessons, d.HostLessons }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var c = new CaseStudy
        {
            Title = Clip(t["Case_FromDispatchTitle", names, taxonomy.Roles.FirstOrDefault(r => r.Code == d.Request.RoleCode)?.Ja ?? d.Request.RoleCode], CaseStudyConfiguration.TitleMax),
            Summary = Clip(d.Request.Needs, CaseStudyConfiguration.SummaryMax),
            Body = d.FinalReport,
            Lessons = lessons,
            OwnerOrganizationId = organizationId,
            Governments = hosts.Select(h => new CaseGovernment { OrganizationId = h.OrganizationId }).ToList(),
            PeriodFrom = d.StartDate,
            PeriodTo = d.EndDate,
            Themes = d.Request.RequiredSkills.Concat(d.Request.PreferredSkills).Distinct().ToList(),
            Obstacles = d.Request.Obstacles.Select(CaseCodes.FromRequestObstacle).Distinct().ToList(),
            Kpis = Kpi.Numbered<CaseKpi>(d.Kpis.OrderBy(k => k.Order)),
            People = [new CasePerson { Role = t["Case_DispatchedCio"], ExpertProfileId = d.ExpertProfileId, ExpertConsentedAt = d.CioConsentsToCase ? Now : null }],
            Status = CaseStatus.Draft,
            Source = CaseSource.DispatchReport,
            DispatchId = d.Id,
            CreatedByUserId = userId,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        c.SearchText = await SearchTextAsync(c, ct);
        d.CaseConsentAt = Now;
        db.Cases.Add(c);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(c.Id);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>Attachments (PDF, checked by content) may be added to a case that is not yet published.</summary>
    public async Task<ServiceResult> AddAttachmentAsync(int? organizationId, int id, IFormFile? file, CancellationToken ct = default)
    {
        var c = organizationId is { } org ? await ForOwnerAsync(org, id, ct) : await ForOfficeAsync(id, ct);
        if (c is null) return ServiceResult.NotFound;
        if (c.Status == CaseStatus.Published || (organizationId is not null && c.Status != CaseStatus.Draft)) return ServiceResult.Fail(t["Case_NotEditable"]);
        if (c.Attachments.Count >= PdfFiles.MaxFiles) return ServiceResult.Invalid(new Dictionary<string, string> { ["file"] = t["Call_Val_PdfTooMany", PdfFiles.MaxFiles] });
        var (pdf, error) = await PdfFiles.ReadAsync<CaseAttachment>(file, t, Now, ct);
        if (pdf is null) return ServiceResult.Invalid(new Dictionary<string, string> { ["file"] = error! });
        pdf.CaseId = c.Id;
        db.CaseAttachments.Add(pdf);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(c.Id);
    }

    /// <summary>An attachment of a published case, for anyone; of an unpublished one, for its owner and the office only.</summary>
    public Task<CaseAttachment?> AttachmentAsync(int id, int attachmentId, int? ownerOrganizationId, bool office, CancellationToken ct = default) =>
        db.CaseAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == id
            && db.Cases.Any(c => c.Id == id && (c.Status == CaseStatus.Published || office || (ownerOrganizationId != null && c.OwnerOrganizationId == ownerOrganizationId))), ct);

    /// <summary>The expert named on a case gives or withdraws consent to be linked publicly.</summary>
    public async Task<ServiceResult> ConsentAsync(string userId, int personId, bool consent, CancellationToken ct = default)
    {
        var p = await db.CasePeople.FirstOrDefaultAsync(x => x.Id == personId && x.Expert!.UserId == userId, ct);
        if (p is null) return ServiceResult.NotFound;
        p.ExpertConsentedAt = consent ? Now : null;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(p.CaseId);
    }

    /// <summary>Cases naming the expert (any status: the expert decides about their own name), for the track-record page.</summary>
    public Task<List<CasePerson>> NamingExpertAsync(string userId, CancellationToken ct = default) =>
        db.CasePeople.AsNoTracking().Include(p => p.Expert).Where(p => p.Expert!.UserId == userId)
            .Join(db.Cases, p => p.CaseId, c => c.Id, (p, c) => p).OrderByDescending(p => p.Id).ToListAsync(ct);

    public Task<Dictionary<int, CaseStudy>> TitlesAsync(IEnumerable<int> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        return db.Cases.AsNoTracking().Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
    }

    /// <summary>Published cases on which the expert consented to be linked: the public track record.</summary>
    public Task<List<CaseStudy>> TrackRecordAsync(int expertProfileId, CancellationToken ct = default) =>
        db.Cases.AsNoTracking().Include(c => c.Governments).ThenInclude(g => g.Organization)
            .Where(c => c.Status == CaseStatus.Published && c.People.Any(p => p.ExpertProfileId == expertProfileId && p.ExpertConsentedAt != null))
            .OrderByDescending(c => c.PublishedAt).AsSplitQuery().ToListAsync(ct);

    private async Task<Dictionary<string, string>> ApplyAsync(CaseStudy c, CaseInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var numbers = new NumberFields(t, errors);
        var title = numbers.Text(nameof(input.Title), input.Title, "Case_Title", CaseStudyConfiguration.TitleMax, true);
        var summary = numbers.Text(nameof(input.Summary), input.Summary, "Case_Summary", CaseStudyConfiguration.SummaryMax, true);
        var body = numbers.Text(nameof(input.Body), input.Body, "Case_Body", CaseStudyConfiguration.BodyMax, true);
        var lessons = numbers.Text(nameof(input.Lessons), input.Lessons, "Case_Lessons", CaseStudyConfiguration.BodyMax, false);
        var funding = numbers.Text(nameof(input.FundingSource), input.FundingSource, "Case_Funding", CaseStudyConfiguration.FundingMax, false);
        var from = numbers.Date(nameof(input.PeriodFrom), input.PeriodFrom, "Case_PeriodFrom", true);
        var to = numbers.Date(nameof(input.PeriodTo), input.PeriodTo, "Case_PeriodTo");
        if (from is { } f && to is { } e && e < f) errors.TryAdd(nameof(input.PeriodTo), t["Case_Val_PeriodOrder"]);
        var budget = numbers.Yen(nameof(input.BudgetYen), input.BudgetYen, "Case_Budget", 1_000_000_000_000);

        List<string> Codes(string field, IEnumerable<string> values, IReadOnlyCollection<string> allowed, string label)
        {
            var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().ToList();
            if (list.Any(v => !allowed.Contains(v))) errors.TryAdd(field, t["Val_UnknownCode", t[label]]);
            return list;
        }
        var themes = Codes(nameof(input.Themes), input.Themes, taxonomy.Skills.Select(s => s.Code).ToList(), "Case_Themes");
        if (themes.Count == 0) errors.TryAdd(nameof(input.Themes), t["Val_Choose", t["Case_Themes"]]);
        var obstacles = Codes(nameof(input.Obstacles), input.Obstacles, CaseCodes.Obstacles, "Case_Obstacles");
        var factors = Codes(nameof(input.SuccessFactors), input.SuccessFactors, CaseCodes.SuccessFactors, "Case_Factors");

        var kpis = ReadKpis(input, errors);
        var people = new List<(string Role, string Name)>();
        for (var i = 0; i < Math.Max(input.PersonRole.Count, input.PersonName.Count); i++)
        {
            var role = input.PersonRole.ElementAtOrDefault(i)?.Trim() ?? "";
            var name = input.PersonName.ElementAtOrDefault(i)?.Trim() ?? "";
            if (role.Length == 0 && name.Length == 0) continue;
            if (role.Length == 0) errors.TryAdd($"PersonRole[{i}]", t["Val_Required", t["Case_PersonRole"]]);
            else if (role.Length > 200 || name.Length > 200) errors.TryAdd($"PersonRole[{i}]", t["Val_TooLong", t["Case_PersonRole"], 200, Math.Max(role.Length, name.Length)]);
            people.Add((role, name));
        }
        if (people.Count > MaxPeople) errors.TryAdd("PersonRole[0]", t["Case_Val_TooManyPeople", MaxPeople]);

        var codes = (input.OtherGovernmentCodes ?? "").Split(['\n', ',', '、', ' ', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(JapaneseText.NormalizeCode).Distinct().ToList();
        var others = await db.Organizations.Where(o => codes.Contains(o.Code)).ToListAsync(ct);
        if (others.Count < codes.Count)
            errors.TryAdd(nameof(input.OtherGovernmentCodes), t["Case_Val_UnknownCodes", string.Join(", ", codes.Except(others.Select(o => o.Code)))]);
        else if (codes.Count > MaxGovernments) errors.TryAdd(nameof(input.OtherGovernmentCodes), t["Case_Val_TooManyGovernments", MaxGovernments]);
        if (c.OwnerOrganizationId is null && others.Count == 0) errors.TryAdd(nameof(input.OtherGovernmentCodes), t["Case_Val_NeedsGovernment"]);
        if (errors.Count > 0) return errors;

        c.Title = title;
        c.Summary = summary;
        c.Body = body;
        c.Lessons = lessons;
        c.FundingSource = funding;
        c.PeriodFrom = from!.Value;
        c.PeriodTo = to;
        c.BudgetYen = budget;
        c.Themes = themes;
        c.Obstacles = obstacles;
        c.SuccessFactors = factors;
        var govIds = others.Select(o => o.Id).Concat(c.OwnerOrganizationId is { } own ? [own] : []).Distinct().ToList();
        c.Governments.RemoveAll(g => !govIds.Contains(g.OrganizationId));
        foreach (var id in govIds.Where(id => c.Governments.All(g => g.OrganizationId != id))) c.Governments.Add(new CaseGovernment { OrganizationId = id });
        c.Kpis.Clear();
        c.Kpis.AddRange(Kpi.Numbered<CaseKpi>(kpis));
        // Linked experts are kept as they are; named people are replaced by what the form holds.
        c.People.RemoveAll(p => p.ExpertProfileId is null);
        c.People.AddRange(people.Select(p => new CasePerson { Role = p.Role, Name = p.Name }));
        c.UpdatedAt = Now;
        c.SearchText = await SearchTextAsync(c, ct);
        return errors;
    }

    /// <summary>Reads KPI rows (name, before, after, unit); figures accept full-width digits and separators.</summary>
    public List<KpiRow> ReadKpis(CaseInput input, Dictionary<string, string> errors)
    {
        var rows = new List<KpiRow>();
        var count = new[] { input.KpiName.Count, input.KpiBefore.Count, input.KpiAfter.Count, input.KpiUnit.Count }.Max();
        for (var i = 0; i < count; i++)
        {
            var name = input.KpiName.ElementAtOrDefault(i)?.Trim() ?? "";
            var before = input.KpiBefore.ElementAtOrDefault(i);
            var after = input.KpiAfter.ElementAtOrDefault(i);
            var unit = input.KpiUnit.ElementAtOrDefault(i)?.Trim() ?? "";
            if (name.Length == 0 && string.IsNullOrWhiteSpace(before) && string.IsNullOrWhiteSpace(after) && unit.Length == 0) continue;
            var n = i + 1;
            if (name.Length == 0 || name.Length > 200) errors.TryAdd($"KpiName[{i}]", t["Case_Val_KpiName", n]);
            if (!TryParseFigure(before, out var b)) errors.TryAdd($"KpiBefore[{i}]", t["Case_Val_KpiFigure", n, t["Case_KpiBefore"]]);
            if (!TryParseFigure(after, out var a)) errors.TryAdd($"KpiAfter[{i}]", t["Case_Val_KpiFigure", n, t["Case_KpiAfter"]]);
            if (unit.Length == 0 || unit.Length > 40) errors.TryAdd($"KpiUnit[{i}]", t["Case_Val_KpiUnit", n]);
            rows.Add(new KpiRow(name, b, a, unit));
        }
        if (rows.Count > MaxKpis) errors.TryAdd("KpiName[0]", t["Case_Val_TooManyKpis", MaxKpis]);
        return rows;
    }

    /// <summary>A figure as people type it: "1,234.5", "１２３４", "-3".</summary>
    public static bool TryParseFigure(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Normalize(System.Text.NormalizationForm.FormKC).Trim().Replace(",", "").Replace("−", "-");
        return s.Length <= 24 && decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private async Task<string> SearchTextAsync(CaseStudy c, CancellationToken ct)
    {
        var ids = c.Governments.Select(g => g.OrganizationId).ToList();
        return SearchText(c, await db.Organizations.Where(o => ids.Contains(o.Id)).ToListAsync(ct), taxonomy);
    }

    /// <summary>What the keyword search looks in, normalised as postings are (NFKC, lower case), names and themes in both languages.</summary>
    public static string SearchText(CaseStudy c, IEnumerable<Organization> governments, TaxonomyCatalog taxonomy)
    {
        var themes = taxonomy.Skills.Where(s => c.Themes.Contains(s.Code)).Select(s => s.Ja + " " + s.En);
        return JapaneseText.Normalize(string.Join('\n', new[] { c.Title, c.Summary, c.Body, c.Lessons, c.FundingSource }
            .Concat(governments.Select(o => o.NameJa + " " + o.NameEn)).Concat(themes).Concat(c.Kpis.Select(k => k.Name))));
    }
}
