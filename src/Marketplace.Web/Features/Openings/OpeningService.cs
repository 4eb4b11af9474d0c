using Marketplace.Matching.Pay;
using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Features.Openings;

/// <summary>
/// Everything staff do to openings. Every method takes the caller's government and treats another
/// government's opening as not found, so no page or crafted request can reach it.
/// </summary>
public sealed partial class OpeningService(MarketplaceDbContext db, TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> t, TimeProvider clock, PostingCorrections corrections,
    Quotas.DailyQuotas quotas)
{
    public const int MaxDutyLines = 50;
    public const int MaxLineLength = 500;

    public Task<Opening?> FindOwnAsync(int organizationId, int id, CancellationToken ct = default) =>
        db.Openings.Include(o => o.Skills).Include(o => o.Notice).Include(o => o.Organization)
            .FirstOrDefaultAsync(o => o.Id == id && o.OrganizationId == organizationId, ct);

    public Task<bool> IsPublishedAsync(int organizationId, int id, CancellationToken ct = default) =>
        db.Openings.AnyAsync(o => o.Id == id && o.OrganizationId == organizationId && o.Status == OpeningStatus.Published, ct);

    public Task<List<RecruitmentNotice>> NoticesAsync(int organizationId, CancellationToken ct = default) =>
        db.Notices.Where(n => n.OrganizationId == organizationId).OrderByDescending(n => n.Id).ToListAsync(ct);

    public async Task<ServiceResult<Opening>> CreateAsync(int organizationId, string userId, OpeningInput input, CancellationToken ct = default)
    {
        if (await quotas.DraftRefusalAsync(userId, ct) is { } refusal) return ServiceResult<Opening>.Fail(refusal);
        return await db.AddCheckedAsync(await CheckNewAsync(organizationId, userId, input, ct), ct);
    }

    /// <summary>Validates a new draft by the form's rules and builds it unsaved (what <see cref="CreateAsync"/> saves; a bulk import checks every row with it).</summary>
    public async Task<ServiceResult<Opening>> CheckNewAsync(int organizationId, string userId, OpeningInput input, CancellationToken ct = default)
    {
        var opening = new Opening { OrganizationId = organizationId, CreatedByUserId = userId, CreatedAt = Now };
        var (errors, understood) = await ApplyAsync(opening, input, organizationId, isNew: true, ct);
        return (errors.Count > 0 ? ServiceResult<Opening>.Invalid(errors) : ServiceResult<Opening>.Ok(opening)) with { Understood = understood };
    }

    /// <summary>
    /// Saves the form over a draft, or corrects a published opening: then what changed is logged publicly with the
    /// reason staff give (required), and the applicants are told, in the same transaction as the save.
    /// </summary>
    public async Task<ServiceResult<Opening>> UpdateAsync(int organizationId, int id, string userId, OpeningInput input, CancellationToken ct = default)
    {
        var opening = await FindOwnAsync(organizationId, id, ct);
        if (opening is null) return ServiceResult<Opening>.NotFound;
        if (opening.Status is OpeningStatus.Closed or OpeningStatus.Cancelled)
        {
            return ServiceResult<Opening>.Fail(t["Opening_NotEditable"]);
        }
        var before = PostingCorrections.SnapshotIf(opening.Status == OpeningStatus.Published, () => ToInput(opening));
        // The token the form was loaded with is what the save is checked against, so a save over someone else's save fails.
        db.ExpectConcurrencyToken(opening, input.ConcurrencyToken);
        var (errors, understood) = await ApplyAsync(opening, input, organizationId, isNew: false, ct);
        var result = await corrections.SaveEditAsync(before, () => ToInput(opening), input.CorrectionReason, errors,
            (reason, changes) => corrections.OpeningCorrectedAsync(opening, userId, reason, changes, ct), () => db.SaveOrRefuseStaleAsync(t, opening, ct));
        return result with { Understood = understood };
    }

    public Task<ServiceResult<Opening>> PublishAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        TransitionAsync(organizationId, id, token, o =>
        {
            if (o.Status != OpeningStatus.Draft) return t["Opening_PublishOnlyDraft"];
            if (o.ApplicationDeadline < Today) return t["Opening_DeadlinePassedCannotPublish"];
            o.Status = OpeningStatus.Published;
            o.PublishedAt = Now;
            return null;
        }, ct);

    public Task<ServiceResult<Opening>> CloseAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        EndAsync(organizationId, id, token, OpeningStatus.Closed, [OpeningStatus.Published], "Opening_CloseOnlyPublished", ct);

    public Task<ServiceResult<Opening>> CancelAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        EndAsync(organizationId, id, token, OpeningStatus.Cancelled, [OpeningStatus.Draft, OpeningStatus.Published], "Opening_CancelOnlyOpen", ct);

    /// <summary>Closes or cancels an opening that is in one of the <paramref name="from"/> states; otherwise refuses with <paramref name="refusalKey"/>.</summary>
    private Task<ServiceResult<Opening>> EndAsync(int organizationId, int id, string? token, OpeningStatus to, OpeningStatus[] from, string refusalKey, CancellationToken ct) =>
        TransitionAsync(organizationId, id, token, o =>
        {
            if (!from.Contains(o.Status)) return t[refusalKey];
            o.Status = to;
            o.ClosedAt = Now;
            return null;
        }, ct);

    /// <summary>
    /// Reopens a closed opening, or extends a published one's deadline, as long as nobody has been hired for it:
    /// the new deadline must be today or later (and later than the current one for a published opening).
    /// </summary>
    public async Task<ServiceResult<Opening>> ReopenAsync(int organizationId, int id, string? deadlineText, string? token, CancellationToken ct = default)
    {
        if (!TryParseDate(deadlineText, out var deadline)) return ServiceResult<Opening>.Invalid(new Dictionary<string, string> { ["deadline"] = t["Val_Date", t["Field_Deadline"]] });
        if (deadline < Today) return ServiceResult<Opening>.Invalid(new Dictionary<string, string> { ["deadline"] = t["Val_DeadlinePast"] });
        var hired = await db.Applications.AnyAsync(a => a.OpeningId == id && a.Stage == Stages.Hired, ct);
        return await TransitionAsync(organizationId, id, token, o =>
        {
            if (o.Status is not (OpeningStatus.Published or OpeningStatus.Closed)) return t["Opening_ReopenOnlyPublishedOrClosed"];
            if (hired) return t["Opening_ReopenAfterHire"];
            if (o.Status == OpeningStatus.Published && deadline <= o.ApplicationDeadline) return t["Opening_ExtendMustBeLater", o.ApplicationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            if (o.StartDate is { } start && start < deadline) return t["Val_StartBeforeDeadline"];
            o.ApplicationDeadline = deadline;
            o.Status = OpeningStatus.Published;
            o.ClosedAt = null;
            return null;
        }, ct);
    }

    /// <summary>A new draft with everything of an own opening; a deadline already past moves 30 days ahead and a start date before it is left empty.</summary>
    public async Task<ServiceResult<Opening>> DuplicateAsync(int organizationId, string userId, int id, CancellationToken ct = default)
    {
        var source = await FindOwnAsync(organizationId, id, ct);
        if (source is null) return ServiceResult<Opening>.NotFound;
        var input = ToInput(source);
        var title = t["Opening_CopyOf", source.Title].Value;
        input.Title = title.Length > OpeningConfiguration.TitleMax ? title[..OpeningConfiguration.TitleMax] : title;
        var deadline = source.ApplicationDeadline < Today ? Today.AddDays(30) : source.ApplicationDeadline;
        input.ApplicationDeadline = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (source.StartDate is { } start && start < deadline) input.StartDate = null;
        db.ChangeTracker.Clear();
        return await CreateAsync(organizationId, userId, input, ct);
    }

    private async Task<ServiceResult<Opening>> TransitionAsync(int organizationId, int id, string? token, Func<Opening, string?> change, CancellationToken ct) =>
        await db.ChangeStateAsync(t, await FindOwnAsync(organizationId, id, ct), token, change, o => o.UpdatedAt = Now, ct);

    /// <summary>Validates the whole input and copies it onto the entity only if nothing is wrong.</summary>
    private async Task<(Dictionary<string, string> Errors, Dictionary<string, string> Understood)> ApplyAsync(Opening o, OpeningInput input, int organizationId, bool isNew, CancellationToken ct)
    {
        var numbers = new NumberFields(t, new Dictionary<string, string>());
        var e = await ValidateAndApplyAsync(o, input, organizationId, isNew, numbers, ct);
        return (e, numbers.Understood);
    }

    private async Task<Dictionary<string, string>> ValidateAndApplyAsync(Opening o, OpeningInput input, int organizationId, bool isNew, NumberFields numbers, CancellationToken ct)
    {
        var e = numbers.Errors;
        void Err(string field, string key, params object[] args) => e.TryAdd(field, t[key, args]);

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) Err(nameof(input.Title), "Val_Required", t["Field_Title"]);
        else if (title.Length > OpeningConfiguration.TitleMax) Err(nameof(input.Title), "Val_TooLong", t["Field_Title"], OpeningConfiguration.TitleMax, title.Length);

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) Err(nameof(input.Description), "Val_Required", t["Field_Description"]);
        else if (description.Length > OpeningConfiguration.DescriptionMax) Err(nameof(input.Description), "Val_TooLong", t["Field_Description"], OpeningConfiguration.DescriptionMax, description.Length);

        var duties = Lines(input.Duties);
        if (duties.Count > MaxDutyLines) Err(nameof(input.Duties), "Val_TooManyLines", t["Field_Duties"], MaxDutyLines);
        else if (duties.Any(d => d.Length > MaxLineLength)) Err(nameof(input.Duties), "Val_LineTooLong", t["Field_Duties"], MaxLineLength);

        var steps = Lines(input.SelectionSteps);
        if (steps.Count > 20) Err(nameof(input.SelectionSteps), "Val_TooManyLines", t["Field_SelectionSteps"], 20);
        else if (steps.Any(d => d.Length > MaxLineLength)) Err(nameof(input.SelectionSteps), "Val_LineTooLong", t["Field_SelectionSteps"], MaxLineLength);

        if (!TaxonomyCatalog.Contains(taxonomy.Roles, input.RoleCode)) Err(nameof(input.RoleCode), "Val_Choose", t["Field_Role"]);
        if (!TaxonomyCatalog.Contains(taxonomy.Engagements, input.EngagementCode)) Err(nameof(input.EngagementCode), "Val_Choose", t["Field_Engagement"]);

        var rank = input.Rank?.Trim();
        if (rank?.Length > 100) Err(nameof(input.Rank), "Val_TooLong", t["Field_Rank"], 100, rank.Length);

        var department = input.Department?.Trim();
        if (department?.Length > OpeningConfiguration.DepartmentMax) Err(nameof(input.Department), "Val_TooLong", t["Field_Department"], OpeningConfiguration.DepartmentMax, department.Length);
        var servesCode = string.IsNullOrWhiteSpace(input.ServesCode) ? null : input.ServesCode;
        if (servesCode is not null && !TaxonomyCatalog.Contains(taxonomy.Serves, servesCode)) Err(nameof(input.ServesCode), "Val_Choose", t["Field_Serves"]);
        var servesDetail = input.ServesDetail?.Trim();
        if (servesDetail?.Length > OpeningConfiguration.DepartmentMax) Err(nameof(input.ServesDetail), "Val_TooLong", t["Field_ServesDetail"], OpeningConfiguration.DepartmentMax, servesDetail.Length);

        var positions = numbers.Int(nameof(input.Positions), input.Positions, "Field_Positions", 1, 100, required: true) ?? 1;
        var firstTermRead = numbers.Months(nameof(input.FirstTermMonths), input.FirstTermMonths, "Field_FirstTermMonths", 1, 120, required: true);
        var firstTerm = (int)(firstTermRead?.Value ?? 0);
        var followOn = (int?)numbers.Months(nameof(input.FollowOnTermMonths), input.FollowOnTermMonths, "Field_FollowOnTermMonths", 1, 120)?.Value;

        if (!Enum.TryParse<RenewalRule>(input.RenewalRule, out var renewal) || !Enum.IsDefined(renewal)) Err(nameof(input.RenewalRule), "Val_Choose", t["Field_RenewalRule"]);
        int? renewalCount = null, renewalTotal = null;
        if (renewal == RenewalRule.RenewableTimes)
        {
            renewalCount = numbers.Int(nameof(input.RenewalMaxCount), input.RenewalMaxCount, "Field_RenewalMaxCount", 1, 20, required: true);
        }
        else if (renewal == RenewalRule.RenewableUpToTotalMonths)
        {
            renewalTotal = numbers.Int(nameof(input.RenewalMaxTotalMonths), input.RenewalMaxTotalMonths, "Field_RenewalMaxTotalMonths", 1, 600, required: true);
            if (renewalTotal is { } total && firstTerm > 0 && total <= firstTerm) Err(nameof(input.RenewalMaxTotalMonths), "Val_TotalTermTooShort");
        }
        int? renewalMore = null;
        if (renewal == RenewalRule.RenewableForMoreMonths)
        {
            renewalMore = (int?)numbers.Months(nameof(input.RenewalMaxAdditionalMonths), input.RenewalMaxAdditionalMonths, "Field_RenewalMaxAdditionalMonths", 1, 600, required: true)?.Value;
        }

        var termNotes = input.TermNotes?.Trim();
        if (termNotes?.Length > 1000) Err(nameof(input.TermNotes), "Val_TooLong", t["Field_TermNotes"], 1000, termNotes.Length);

        long payAmount = 0;
        var payApprox = false;
        var payUnitChosen = Enum.TryParse<PayUnit>(input.PayUnit, out var payUnit) && Enum.IsDefined(payUnit);
        if (!input.PayNotStated && numbers.Pay(nameof(input.PayAmount), input.PayAmount, "Field_PayAmount", 100_000_000_000,
                payUnitChosen ? ToPostedUnit(payUnit) : null, taxonomy.PayUnitLabel, "Val_PayZero", required: true) is { } pay)
        {
            payAmount = pay.Value;
            payApprox = pay.Approximate || input.PayApproximate;
        }

        if (!payUnitChosen) Err(nameof(input.PayUnit), "Val_Choose", t["Field_PayUnit"]);
        var allowances = input.AllowancesIncluded.Distinct().ToList();
        if (allowances.Any(a => !TaxonomyCatalog.Contains(taxonomy.Allowances, a))) Err(nameof(input.AllowancesIncluded), "Val_UnknownCode", t["Field_Allowances"]);
        if (!Enum.TryParse<ExpensePolicy>(input.TravelExpenses ?? nameof(ExpensePolicy.NotStated), out var travel) || !Enum.IsDefined(travel)) Err(nameof(input.TravelExpenses), "Val_Choose", t["Field_TravelExpenses"]);
        var payNotes = input.PayNotes?.Trim();
        if (payNotes?.Length > 1000) Err(nameof(input.PayNotes), "Val_TooLong", t["Field_PayNotes"], 1000, payNotes.Length);

        var workload = ComparablePay.PlausibleWorkload(input.EngagementCode ?? "");
        var days = input.DaysPerWeekNotStated ? null : numbers.Days(nameof(input.DaysPerWeek), input.DaysPerWeek, "Field_DaysPerWeek", 0.5, 5, required: true);
        var daysPerWeek = input.DaysPerWeekNotStated ? workload.AssumedDaysPerWeek : days?.Value ?? 0;
        var onsiteRead = input.OnsiteNotStated ? null : numbers.Days(nameof(input.OnsiteDays), input.OnsiteDays, "Field_OnsiteDays", 0, 31, required: true);
        var onsite = onsiteRead?.Value ?? 0;
        if (!Enum.TryParse<OnsitePeriod>(input.OnsitePeriod, out var onsitePeriod) || !Enum.IsDefined(onsitePeriod)) Err(nameof(input.OnsitePeriod), "Val_Choose", t["Field_OnsitePeriod"]);
        var onsitePerMonth = onsitePeriod == OnsitePeriod.Week ? onsite * ComparablePay.WeeksPerMonth : onsite;
        if (!input.DaysPerWeekNotStated && daysPerWeek > 0 && onsitePerMonth > daysPerWeek * ComparablePay.WeeksPerMonth + 1e-9) Err(nameof(input.OnsiteDays), "Val_OnsiteMoreThanWorkdays");
        var location = input.WorkLocation?.Trim();
        if (location?.Length > 300) Err(nameof(input.WorkLocation), "Val_TooLong", t["Field_WorkLocation"], 300, location.Length);
        var workNotes = input.WorkStyleNotes?.Trim();
        if (workNotes?.Length > 1000) Err(nameof(input.WorkStyleNotes), "Val_TooLong", t["Field_WorkStyleNotes"], 1000, workNotes.Length);

        var required = input.RequiredSkills.Distinct().ToList();
        var preferred = input.PreferredSkills.Distinct().ToList();
        if (required.Concat(preferred).Any(s => !TaxonomyCatalog.Contains(taxonomy.Skills, s))) Err(nameof(input.RequiredSkills), "Val_UnknownCode", t["Field_Skills"]);
        if (required.Intersect(preferred).Any()) Err(nameof(input.PreferredSkills), "Val_SkillBothRequiredAndPreferred");

        DateOnly deadline = default;
        if (string.IsNullOrWhiteSpace(input.ApplicationDeadline)) Err(nameof(input.ApplicationDeadline), "Val_Required", t["Field_Deadline"]);
        else if (!TryParseDate(input.ApplicationDeadline, out deadline)) Err(nameof(input.ApplicationDeadline), "Val_Date", t["Field_Deadline"]);
        else if (deadline < Today && (isNew || deadline != o.ApplicationDeadline)) Err(nameof(input.ApplicationDeadline), "Val_DeadlinePast");

        DateOnly? start = null;
        if (!string.IsNullOrWhiteSpace(input.StartDate))
        {
            if (!TryParseDate(input.StartDate, out var s)) Err(nameof(input.StartDate), "Val_Date", t["Field_StartDate"]);
            else if (deadline != default && s < deadline) Err(nameof(input.StartDate), "Val_StartBeforeDeadline");
            else start = s;
        }

        if (payUnit == PayUnit.ContractTotal && input.EngagementCode != "outsourced") Err(nameof(input.PayUnit), "Val_ContractTotalOnlyOutsourced");

        int? noticeId = null;
        RecruitmentNotice? newNotice = null;
        if (input.Notice == "new")
        {
            var noticeTitle = input.NewNoticeTitle?.Trim() ?? "";
            if (noticeTitle.Length == 0) Err(nameof(input.NewNoticeTitle), "Val_Required", t["Field_NoticeTitle"]);
            else if (noticeTitle.Length > OpeningConfiguration.TitleMax) Err(nameof(input.NewNoticeTitle), "Val_TooLong", t["Field_NoticeTitle"], OpeningConfiguration.TitleMax, noticeTitle.Length);
            else newNotice = new RecruitmentNotice { OrganizationId = organizationId, Title = noticeTitle, CreatedAt = Now };
        }
        else if (!string.IsNullOrEmpty(input.Notice))
        {
            if (int.TryParse(input.Notice, out var nid) && await db.Notices.AnyAsync(n => n.Id == nid && n.OrganizationId == organizationId, ct)) noticeId = nid;
            else Err(nameof(input.Notice), "Val_Choose", t["Field_Notice"]);
        }

        if (e.Count > 0) return e;

        var figures = new ComparableFigures(0, 0);
        DayRateRange? range = null;
        if (!input.PayNotStated)
        {
            var posted = new PostedPay(payAmount, ToPostedUnit(payUnit), daysPerWeek, firstTerm, input.PayTaxIncluded && payUnit == PayUnit.ContractTotal);
            try
            {
                figures = ComparablePay.Compute(posted);
                // An unstated workload gives a range, except where the rate does not depend on it (day and hour rates).
                if (input.DaysPerWeekNotStated && !workload.IsSingle && payUnit is not (PayUnit.Day or PayUnit.Hour)) range = ComparablePay.ComputeRange(posted, workload);
            }
            catch (ArgumentOutOfRangeException)
            {
                e[nameof(input.PayAmount)] = t["Val_Yen", t["Field_PayAmount"]];
                return e;
            }
        }

        o.RoleCode = input.RoleCode!;
        o.EngagementCode = input.EngagementCode!;
        o.Title = title;
        o.Description = description;
        o.Duties = duties;
        o.Rank = string.IsNullOrEmpty(rank) ? null : rank;
        o.Positions = positions;
        o.Department = string.IsNullOrEmpty(department) ? null : department;
        o.ServesCode = servesCode;
        o.ServesDetail = string.IsNullOrEmpty(servesDetail) ? null : servesDetail;
        o.FirstTermMonths = firstTerm;
        o.FirstTermApproximate = input.FirstTermApproximate || firstTermRead?.Approximate == true;
        o.StartDate = start;
        o.RenewalRule = renewal;
        o.RenewalMaxCount = renewalCount;
        o.RenewalMaxTotalMonths = renewalTotal;
        o.RenewalMaxAdditionalMonths = renewalMore;
        o.FollowOnTermMonths = followOn;
        o.FollowOnGuaranteed = followOn is not null && input.FollowOnGuaranteed;
        o.TermNotes = string.IsNullOrEmpty(termNotes) ? null : termNotes;
        o.PayAmountYen = payAmount;
        o.PayNotStated = input.PayNotStated;
        o.PayApproximate = payApprox;
        o.PayUnit = payUnit;
        o.PayTaxIncluded = input.PayTaxIncluded && payUnit == PayUnit.ContractTotal;
        o.AllowancesNotStated = input.AllowancesNotStated && allowances.Count == 0;
        o.AllowancesIncluded = allowances;
        o.CommutingNotStated = input.CommutingNotStated;
        o.CommutingAllowancePaid = input.CommutingAllowancePaid && !input.CommutingNotStated;
        o.TravelExpenses = travel;
        o.PayNotes = string.IsNullOrEmpty(payNotes) ? null : payNotes;
        o.DayRateYen = figures.DayRateYen;
        o.AnnualEquivalentYen = figures.AnnualEquivalentYen;
        o.DayRateLowYen = range?.LowYen;
        o.DayRateHighYen = range?.HighYen;
        o.DaysPerWeek = daysPerWeek;
        o.DaysPerWeekNotStated = input.DaysPerWeekNotStated;
        o.DaysPerWeekApproximate = days?.Approximate == true || (input.DaysPerWeekApproximate && !input.DaysPerWeekNotStated);
        o.OnsiteNotStated = input.OnsiteNotStated;
        o.OnsiteApproximate = onsiteRead?.Approximate == true || (input.OnsiteApproximate && !input.OnsiteNotStated);
        o.OnsiteDays = onsite;
        o.OnsitePeriod = onsitePeriod;
        o.OnsiteDaysPerMonth = Math.Round(onsitePerMonth, 2);
        o.RemoteAllowed = input.RemoteAllowed;
        o.WorkLocation = string.IsNullOrEmpty(location) ? null : location;
        o.WorkStyleNotes = string.IsNullOrEmpty(workNotes) ? null : workNotes;
        o.PublicSectorExperienceRequired = input.PublicSectorExperienceRequired;
        o.CertifiedCioOnly = input.CertifiedCioOnly;
        o.ApplicationDeadline = deadline;
        o.SelectionSteps = steps;
        o.UpdatedAt = Now;
        if (newNotice is not null) o.Notice = newNotice;
        else o.NoticeId = noticeId;

        var wanted = required.Select(s => (s, true)).Concat(preferred.Select(s => (s, false))).ToList();
        o.Skills.RemoveAll(s => !wanted.Contains((s.SkillCode, s.Required)));
        foreach (var (code, req) in wanted.Where(w => !o.Skills.Any(s => s.SkillCode == w.Item1 && s.Required == w.Item2)))
        {
            o.Skills.Add(new OpeningSkill { SkillCode = code, Required = req });
        }

        var orgNames = await db.Organizations.Where(x => x.Id == organizationId).Select(x => x.NameJa + " " + x.NameEn + " " + x.Prefecture!.NameJa).FirstOrDefaultAsync(ct);
        o.SearchText = OpeningSearchText.Build(o, orgNames, taxonomy);
        return e;
    }

    public static PostedPayUnit ToPostedUnit(PayUnit unit) => unit switch
    {
        PayUnit.Year => PostedPayUnit.Year,
        PayUnit.Month => PostedPayUnit.Month,
        PayUnit.Day => PostedPayUnit.Day,
        PayUnit.Hour => PostedPayUnit.Hour,
        _ => PostedPayUnit.ContractTotal,
    };

    /// <summary>Accepts 2026-12-01, 2026/12/01, 2026年12月1日 and 20261201, in full-width digits too.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        var s = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        // Notices date in the Japanese era too: 令和9年4月1日, 令和元年5月1日, 平成31年4月30日.
        if (EraDate().Match(s) is { Success: true } era)
        {
            date = default;
            var year = era.Groups["y"].Value == "元" ? 1 : int.Parse(era.Groups["y"].Value, CultureInfo.InvariantCulture);
            var gregorian = (era.Groups["era"].Value == "令和" ? 2018 : 1988) + year;
            return DateOnly.TryParseExact($"{gregorian}-{era.Groups["m"].Value}-{era.Groups["d"].Value}", "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }
        s = s.Replace('/', '-').Replace('.', '-').Replace('年', '-').Replace('月', '-').Replace("日", "");
        return DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<era>令和|平成)\s*(?<y>元|\d{1,2})年\s*(?<m>\d{1,2})月\s*(?<d>\d{1,2})日?$")]
    private static partial System.Text.RegularExpressions.Regex EraDate();

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>The concurrency token to put in a page that may later change this (tracked) opening.</summary>
    public string TokenOf(Opening o) => db.ConcurrencyTokenOf(o);

    public OpeningInput ToInput(Opening o) => new()
    {
        Notice = o.NoticeId?.ToString(CultureInfo.InvariantCulture) ?? "",
        RoleCode = o.RoleCode,
        EngagementCode = o.EngagementCode,
        Title = o.Title,
        Description = o.Description,
        Duties = string.Join('\n', o.Duties),
        Rank = o.Rank,
        Positions = o.Positions.ToString(CultureInfo.InvariantCulture),
        Department = o.Department,
        ServesCode = o.ServesCode,
        ServesDetail = o.ServesDetail,
        FirstTermMonths = o.FirstTermMonths.ToString(CultureInfo.InvariantCulture),
        FirstTermApproximate = o.FirstTermApproximate,
        StartDate = o.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RenewalRule = o.RenewalRule.ToString(),
        RenewalMaxCount = o.RenewalMaxCount?.ToString(CultureInfo.InvariantCulture),
        RenewalMaxTotalMonths = o.RenewalMaxTotalMonths?.ToString(CultureInfo.InvariantCulture),
        RenewalMaxAdditionalMonths = o.RenewalMaxAdditionalMonths?.ToString(CultureInfo.InvariantCulture),
        FollowOnTermMonths = o.FollowOnTermMonths?.ToString(CultureInfo.InvariantCulture),
        FollowOnGuaranteed = o.FollowOnGuaranteed,
        TermNotes = o.TermNotes,
        PayAmount = o.PayNotStated ? null : o.PayAmountYen.ToString(CultureInfo.InvariantCulture),
        PayNotStated = o.PayNotStated,
        PayApproximate = o.PayApproximate,
        PayUnit = o.PayUnit.ToString(),
        PayTaxIncluded = o.PayTaxIncluded,
        AllowancesIncluded = [.. o.AllowancesIncluded],
        AllowancesNotStated = o.AllowancesNotStated,
        CommutingAllowancePaid = o.CommutingAllowancePaid,
        CommutingNotStated = o.CommutingNotStated,
        TravelExpenses = o.TravelExpenses.ToString(),
        PayNotes = o.PayNotes,
        DaysPerWeek = o.DaysPerWeekNotStated ? null : o.DaysPerWeek.ToString(CultureInfo.InvariantCulture),
        DaysPerWeekNotStated = o.DaysPerWeekNotStated,
        DaysPerWeekApproximate = o.DaysPerWeekApproximate,
        OnsiteDays = o.OnsiteNotStated ? null : o.OnsiteDays.ToString(CultureInfo.InvariantCulture),
        OnsiteNotStated = o.OnsiteNotStated,
        OnsiteApproximate = o.OnsiteApproximate,
        OnsitePeriod = o.OnsitePeriod.ToString(),
        RemoteAllowed = o.RemoteAllowed,
        WorkLocation = o.WorkLocation,
        WorkStyleNotes = o.WorkStyleNotes,
        RequiredSkills = [.. o.RequiredSkillCodes],
        PreferredSkills = [.. o.PreferredSkillCodes],
        PublicSectorExperienceRequired = o.PublicSectorExperienceRequired,
        CertifiedCioOnly = o.CertifiedCioOnly,
        ApplicationDeadline = o.ApplicationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SelectionSteps = string.Join('\n', o.SelectionSteps),
        ConcurrencyToken = db.ConcurrencyTokenOf(o),
    };
}

public static class OpeningSearchText
{
    /// <summary>What keyword search looks in, normalised once at save time so the query is a plain substring match.</summary>
    public static string Build(Opening o, string? organizationNames, TaxonomyCatalog taxonomy)
    {
        var role = taxonomy.Roles.FirstOrDefault(r => r.Code == o.RoleCode);
        var parts = new[] { o.Title, o.Rank, role?.Ja, role?.En, organizationNames, o.WorkLocation, string.Join(' ', o.Duties), o.Description };
        return JapaneseText.Normalize(string.Join('\n', parts.Where(p => !string.IsNullOrEmpty(p))));
    }
}
