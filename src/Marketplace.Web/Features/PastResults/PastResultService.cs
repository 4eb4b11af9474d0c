using Marketplace.Matching.Codes;
using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.PastResults;

/// <summary>
/// Records a procurement or an appointment that ran outside the product (事後登録), with its real past dates, winner
/// and amount, for the public record, open data, conflict-of-interest checks and pay comparison. Staff record for their
/// own government only; the national office for any government it names by 団体コード. A call recorded with the winner's
/// 法人番号 also enters the government's vendor contracts, which the conflict checks read; an appointment linked to an
/// expert account is read by the proposal evaluation's check.
/// </summary>
public sealed class PastResultService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, TaxonomyCatalog taxonomy, AuditLog audit)
{
    public const int NameMax = 200;
    public const int PersonNameMax = 100;
    public const int MaxRoles = 10;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DisplayFormatter.TodayInJapan(clock);

    /// <summary>Validates a past call and builds it, unsaved (for the confirmation page).</summary>
    public async Task<ServiceResult<ProposalCall>> CheckCallAsync(int? staffOrganizationId, PastCallInput input, CancellationToken ct = default)
    {
        var e = new Dictionary<string, string>();
        var numbers = new NumberFields(t, e);
        var (org, forbidden) = await OrganizationAsync(staffOrganizationId, input.OrganizationCode, e, ct);
        if (forbidden) return new(ServiceOutcome.Forbidden, null, e) { Understood = numbers.Understood };

        var title = numbers.Text(nameof(input.Title), input.Title, "Call_Field_Title", ProposalCallConfiguration.TitleMax, true);
        var purpose = numbers.Text(nameof(input.Purpose), input.Purpose, "Call_Field_Purpose", ProposalCallConfiguration.TextMax, false);
        var department = numbers.Text(nameof(input.Department), input.Department, "Field_Department", OpeningConfiguration.DepartmentMax, false);
        var roles = (input.Roles ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToList();
        if (roles.Count > MaxRoles) e.TryAdd(nameof(input.Roles), t["Val_TooManyLines", t["Past_Field_Roles"], MaxRoles]);
        else if (roles.Any(r => r.Length > 100)) e.TryAdd(nameof(input.Roles), t["Val_LineTooLong", t["Past_Field_Roles"], 100]);

        var published = numbers.Date(nameof(input.PublishedOn), input.PublishedOn, "Past_Field_PublishedOn", required: true);
        var deadline = numbers.Date(nameof(input.SubmissionDeadline), input.SubmissionDeadline, "Call_Field_SubmissionDeadline", required: true);
        var awarded = numbers.Date(nameof(input.AwardedOn), input.AwardedOn, "Past_Field_AwardedOn", required: true);
        var start = numbers.Date(nameof(input.ContractStart), input.ContractStart, "Call_Field_ContractStart", required: true);
        var end = numbers.Date(nameof(input.ContractEnd), input.ContractEnd, "Call_Field_ContractEnd", required: true);
        PastDates(e, published, deadline, nameof(input.SubmissionDeadline), awarded, nameof(input.AwardedOn));
        if (start is { } s && end is { } en && en <= s) e.TryAdd(nameof(input.ContractEnd), t["Call_Val_EndBeforeStart"]);
        if (start is { } s2 && published is { } p2 && s2 < p2) e.TryAdd(nameof(input.ContractStart), t["Past_Val_StartBeforePublished"]);

        var ceiling = numbers.Amount(nameof(input.Ceiling), input.Ceiling, "Call_Field_Ceiling", CallService.MaxCeilingYen, required: true);
        var amount = numbers.Amount(nameof(input.ContractAmount), input.ContractAmount, "Eval_ContractAmount", CallService.MaxCeilingYen, required: true);
        if (ceiling is { Value: <= 0 }) e.TryAdd(nameof(input.Ceiling), t["Call_Val_CeilingRange", CallService.MaxCeilingYen.ToString("N0", CultureInfo.InvariantCulture)]);
        if (amount is { Value: <= 0 }) e.TryAdd(nameof(input.ContractAmount), t["Val_Yen", t["Eval_ContractAmount"]]);
        if (ceiling is { } c && amount is { } a && a.Value > c.Value)
        {
            e.TryAdd(nameof(input.ContractAmount), t["Past_Val_AmountOverCeiling", a.Value.ToString("N0", CultureInfo.InvariantCulture), c.Value.ToString("N0", CultureInfo.InvariantCulture)]);
        }
        var taxIncluded = input.TaxBasis switch { "included" => true, "excluded" => false, _ => (bool?)null };
        if (taxIncluded is null) e.TryAdd(nameof(input.TaxBasis), t["Val_Choose", t["Past_Field_TaxBasis"]]);
        var onsite = numbers.Days(nameof(input.OnsiteDaysPerWeek), input.OnsiteDaysPerWeek, "Call_Field_OnsiteDaysPerWeek", 0, 5);
        var onsiteNotes = numbers.Text(nameof(input.OnsiteNotes), input.OnsiteNotes, "Call_Field_OnsiteNotes", ProposalCallConfiguration.NotesMax, false);

        var winner = numbers.Text(nameof(input.WinnerName), input.WinnerName, "Call_Winner", NameMax, true);
        var number = JapaneseText.NormalizeCode(input.WinnerCorporateNumber);
        if (number.Length > 0 && !CorporateNumber.IsValid(number)) e.TryAdd(nameof(input.WinnerCorporateNumber), t["Val_CorporateNumber"]);
        var proposals = numbers.Int(nameof(input.ProposalCount), input.ProposalCount, "Call_ProposalCount", 1, 1000);

        if (e.Count > 0 || org is null) return new(ServiceOutcome.Invalid, null, e) { Understood = numbers.Understood };

        var vendorId = number.Length == 0 ? null
            : await db.VendorCompanies.Where(v => v.CorporateNumber == number).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
        var call = new ProposalCall
        {
            OrganizationId = org.Id,
            Organization = org,
            Status = CallStatus.Awarded,
            Title = title,
            Purpose = purpose,
            Department = department.Length == 0 ? null : department,
            ContractStart = start!.Value,
            ContractEnd = end!.Value,
            CeilingYen = ceiling!.Value.Value,
            CeilingTaxIncluded = taxIncluded!.Value,
            OnsiteDaysPerWeek = onsite?.Value ?? 0,
            OnsiteNotes = onsiteNotes,
            PublishedAt = AtJst(published!.Value, TimeOnly.MinValue),
            QuestionDeadline = AtJst(deadline!.Value, JapanTime.DefaultDeadlineTime),
            SubmissionDeadline = AtJst(deadline.Value, JapanTime.DefaultDeadlineTime),
            ResultDate = awarded,
            AwardedAt = AtJst(awarded!.Value, TimeOnly.MinValue),
            ContractAmountYen = amount!.Value.Value,
            Roles = roles.Select((r, i) => new CallRole { Name = r, SortOrder = i }).ToList(),
            RecordedAfterTheFact = true,
            SupplierName = winner,
            SupplierCorporateNumber = number.Length == 0 ? null : number,
            SupplierVendorCompanyId = vendorId,
            RecordedProposalCount = proposals,
            SearchText = JapaneseText.Normalize(string.Join('\n', title, org.NameJa + " " + org.NameEn + " " + org.Prefecture?.NameJa, purpose)),
        };
        return new(ServiceOutcome.Ok, call, e) { Understood = numbers.Understood };
    }

    /// <summary>Checks again and saves the past call with its vendor contract (when the 法人番号 is known) and an audit entry.</summary>
    public Task<ServiceResult<ProposalCall>> RecordCallAsync(int? staffOrganizationId, string userId, PastCallInput input, CancellationToken ct = default) =>
        SaveRecordedAsync(CheckCallAsync(staffOrganizationId, input, ct),
            c => { var org = c.Organization!; AddCall(c, userId); return org; },
            c => ("call", c.Id, AuditDetail(c)), (c, org) => c.Organization = org, ct);

    public Task<ServiceResult<Opening>> RecordAppointmentAsync(int? staffOrganizationId, string userId, PastAppointmentInput input, CancellationToken ct = default) =>
        SaveRecordedAsync(CheckAppointmentAsync(staffOrganizationId, input, ct),
            o => { var org = o.Organization!; AddAppointment(o, userId); return org; },
            o => ("opening", o.Id, AuditDetail(o)), (o, org) => o.Organization = org, ct);

    /// <summary>
    /// Saves a checked past result, which <paramref name="add"/> puts in the context without its government (loaded
    /// untracked, so not inserted again), with an audit entry; the government is put back for the page that shows it.
    /// </summary>
    private async Task<ServiceResult<T>> SaveRecordedAsync<T>(Task<ServiceResult<T>> check, Func<T, Organization> add,
        Func<T, (string Entity, int Id, string Detail)> audited, Action<T, Organization> putBack, CancellationToken ct) where T : class
    {
        var checkedResult = await check;
        if (checkedResult.Value is not { } value) return checkedResult;
        var org = add(value);
        await db.SaveChangesAsync(ct);
        var (entity, id, detail) = audited(value);
        await audit.WriteAsync(AuditActions.PastResultRecorded, entity, id, org.Id, detail, ct);
        putBack(value, org);
        return checkedResult;
    }

    /// <summary>
    /// Adds a checked past call to the context, unsaved, with the vendor contract its 法人番号 gives (which the conflict
    /// checks read); the caller saves, so a bulk import saves many in one transaction.
    /// </summary>
    public void AddCall(ProposalCall call, string userId)
    {
        var org = call.Organization!;
        call.Organization = null;
        call.CreatedByUserId = call.RecordedByUserId = userId;
        call.CreatedAt = call.UpdatedAt = Now;
        call.RecordedAt = Now;
        call.ConfirmedAt = call.AwardedAt;
        db.ProposalCalls.Add(call);
        if (call.SupplierCorporateNumber is { } number)
        {
            db.VendorContracts.Add(new VendorContract
            {
                OrganizationId = org.Id, VendorName = call.SupplierName!, CorporateNumber = number, Relation = VendorRelation.HoldsContract,
                Description = t["Past_VendorContractDescription", call.Title.Length > 800 ? call.Title[..800] : call.Title],
                CreatedAt = Now, CreatedByUserId = userId,
            });
        }
    }

    /// <summary>Adds a checked past appointment to the context, unsaved (the caller saves).</summary>
    public void AddAppointment(Opening o, string userId)
    {
        o.Organization = null;
        o.CreatedByUserId = o.RecordedByUserId = userId;
        o.CreatedAt = o.UpdatedAt = Now;
        o.RecordedAt = Now;
        db.Openings.Add(o);
    }

    /// <summary>Validates a past appointment and builds it, unsaved (for the confirmation page).</summary>
    public async Task<ServiceResult<Opening>> CheckAppointmentAsync(int? staffOrganizationId, PastAppointmentInput input, CancellationToken ct = default)
    {
        var e = new Dictionary<string, string>();
        var numbers = new NumberFields(t, e);
        var (org, forbidden) = await OrganizationAsync(staffOrganizationId, input.OrganizationCode, e, ct);
        if (forbidden) return new(ServiceOutcome.Forbidden, null, e) { Understood = numbers.Understood };

        var title = numbers.Text(nameof(input.Title), input.Title, "Field_Title", OpeningConfiguration.TitleMax, true);
        if (!TaxonomyCatalog.Contains(taxonomy.Roles, input.RoleCode)) e.TryAdd(nameof(input.RoleCode), t["Val_Choose", t["Field_Role"]]);
        if (!TaxonomyCatalog.Contains(taxonomy.Engagements, input.EngagementCode)) e.TryAdd(nameof(input.EngagementCode), t["Val_Choose", t["Field_Engagement"]]);
        var rank = numbers.Text(nameof(input.Rank), input.Rank, "Field_Rank", 100, false);
        var department = numbers.Text(nameof(input.Department), input.Department, "Field_Department", OpeningConfiguration.DepartmentMax, false);
        var description = numbers.Text(nameof(input.Description), input.Description, "Field_Description", OpeningConfiguration.DescriptionMax, false);

        var published = numbers.Date(nameof(input.PublishedOn), input.PublishedOn, "Past_Field_PublishedOn", required: true);
        var deadline = numbers.Date(nameof(input.ApplicationDeadline), input.ApplicationDeadline, "Field_Deadline", required: true);
        var filled = numbers.Date(nameof(input.FilledOn), input.FilledOn, "Past_Field_FilledOn", required: true);
        PastDates(e, published, deadline, nameof(input.ApplicationDeadline), filled, nameof(input.FilledOn));
        var start = numbers.Date(nameof(input.StartDate), input.StartDate, "Field_StartDate");
        if (start is { } s && deadline is { } d && s < d) e.TryAdd(nameof(input.StartDate), t["Val_StartBeforeDeadline"]);
        var term = numbers.Months(nameof(input.FirstTermMonths), input.FirstTermMonths, "Field_FirstTermMonths", 1, 120, required: true);

        var unitChosen = Enum.TryParse<PayUnit>(input.PayUnit, out var unit) && Enum.IsDefined(unit);
        var pay = numbers.Pay(nameof(input.PayAmount), input.PayAmount, "Field_PayAmount", 100_000_000_000, unitChosen ? OpeningService.ToPostedUnit(unit) : null, taxonomy.PayUnitLabel, "Val_PayZeroBlank");
        if (!unitChosen) e.TryAdd(nameof(input.PayUnit), t["Val_Choose", t["Field_PayUnit"]]);
        else if (unit == PayUnit.ContractTotal && input.EngagementCode != OpeningSearch.OutsourcedCode) e.TryAdd(nameof(input.PayUnit), t["Val_ContractTotalOnlyOutsourced"]);
        var days = numbers.Days(nameof(input.DaysPerWeek), input.DaysPerWeek, "Field_DaysPerWeek", 0.5, 5);

        var appointee = numbers.Text(nameof(input.AppointeeName), input.AppointeeName, "Past_Field_AppointeeName", PersonNameMax, true);
        int? expertId = null;
        var email = input.AppointeeEmail?.Trim() ?? "";
        if (email.Length > 0)
        {
            var normalized = email.ToUpperInvariant();
            expertId = await db.ExpertProfiles.Where(x => x.User!.NormalizedEmail == normalized).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
            if (expertId is null) e.TryAdd(nameof(input.AppointeeEmail), t["Past_Val_ExpertNotFound", email]);
        }

        if (e.Count > 0 || org is null) return new(ServiceOutcome.Invalid, null, e) { Understood = numbers.Understood };

        var workload = ComparablePay.PlausibleWorkload(input.EngagementCode!);
        var daysPerWeek = days?.Value ?? workload.AssumedDaysPerWeek;
        var o = new Opening
        {
            OrganizationId = org.Id,
            Organization = org,
            Status = OpeningStatus.Closed,
            RoleCode = input.RoleCode!,
            EngagementCode = input.EngagementCode!,
            Title = title,
            Description = description,
            Rank = rank.Length == 0 ? null : rank,
            Department = department.Length == 0 ? null : department,
            FirstTermMonths = (int)term!.Value.Value,
            FirstTermApproximate = term.Value.Approximate,
            StartDate = start,
            PayAmountYen = pay?.Value ?? 0,
            PayNotStated = pay is null,
            PayApproximate = pay?.Approximate == true,
            PayUnit = unit,
            // What the notice did not say stays "not stated" rather than a default that reads as a fact.
            AllowancesNotStated = true,
            CommutingNotStated = true,
            OnsiteNotStated = true,
            DaysPerWeek = daysPerWeek,
            DaysPerWeekNotStated = days is null,
            DaysPerWeekApproximate = days?.Approximate == true,
            ApplicationDeadline = deadline!.Value,
            PublishedAt = AtJst(published!.Value, TimeOnly.MinValue),
            ClosedAt = AtJst(filled!.Value, TimeOnly.MinValue),
            FilledOn = filled,
            AppointeeName = appointee,
            AppointeeExpertProfileId = expertId,
            RecordedAfterTheFact = true,
        };
        if (pay is not null)
        {
            var posted = new PostedPay(pay.Value.Value, OpeningService.ToPostedUnit(unit), daysPerWeek, o.FirstTermMonths, false);
            var figures = ComparablePay.Compute(posted);
            o.DayRateYen = figures.DayRateYen;
            o.AnnualEquivalentYen = figures.AnnualEquivalentYen;
            if (days is null && !workload.IsSingle && unit is not (PayUnit.Day or PayUnit.Hour))
            {
                var range = ComparablePay.ComputeRange(posted, workload);
                o.DayRateLowYen = range.LowYen;
                o.DayRateHighYen = range.HighYen;
            }
        }
        o.SearchText = OpeningSearchText.Build(o, org.NameJa + " " + org.NameEn + " " + org.Prefecture?.NameJa, taxonomy);
        return new(ServiceOutcome.Ok, o, e) { Understood = numbers.Understood };
    }

    /// <summary>What the audit entry of a recorded call or appointment says (the audit log keeps 500 characters).</summary>
    public static string AuditDetail(ProposalCall c) => Cut($"{c.Title} / {c.SupplierName} / {c.ContractAmountYen}");

    public static string AuditDetail(Opening o) => Cut($"{o.Title} / {o.AppointeeName}");

    private static string Cut(string s) => s.Length > 500 ? s[..500] : s;

    /// <summary>Past results recorded for a government (or, for the office, every government), newest first.</summary>
    public async Task<List<PastResultRow>> ListAsync(int? organizationId, CancellationToken ct = default)
    {
        var calls = db.ProposalCalls.AsNoTracking().Where(c => c.RecordedAfterTheFact);
        var openings = db.Openings.AsNoTracking().Where(o => o.RecordedAfterTheFact);
        if (organizationId is { } org)
        {
            calls = calls.Where(c => c.OrganizationId == org);
            openings = openings.Where(o => o.OrganizationId == org);
        }
        var rows = await calls.Select(c => new PastResultRow(PostingKind.Call, c.Id, c.Title, c.Organization!.NameJa, c.SupplierName ?? "", c.ResultDate, c.ContractAmountYen, c.RecordedAt))
            .ToListAsync(ct);
        rows.AddRange(await openings.Select(o => new PastResultRow(PostingKind.Opening, o.Id, o.Title, o.Organization!.NameJa, o.AppointeeName ?? "", o.FilledOn, o.PayNotStated ? null : o.PayAmountYen, o.RecordedAt))
            .ToListAsync(ct));
        return [.. rows.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)];
    }

    /// <summary>Staff always record for their own government (naming another is refused); the office names one by 団体コード.</summary>
    private async Task<(Organization? Org, bool Forbidden)> OrganizationAsync(int? staffOrganizationId, string? code, Dictionary<string, string> e, CancellationToken ct)
    {
        var normalized = JapaneseText.NormalizeCode(code);
        if (staffOrganizationId is { } own)
        {
            var org = await db.Organizations.Include(o => o.Prefecture).FirstAsync(o => o.Id == own, ct);
            return normalized.Length > 0 && normalized != org.Code ? (null, true) : (org, false);
        }
        if (normalized.Length == 0)
        {
            e.TryAdd(nameof(PastCallInput.OrganizationCode), t["Val_Required", t["Field_OrganizationCode"]]);
            return (null, false);
        }
        var found = await db.Organizations.Include(o => o.Prefecture).FirstOrDefaultAsync(o => o.Code == normalized, ct);
        if (found is null) e.TryAdd(nameof(PastCallInput.OrganizationCode), t["Past_Val_UnknownOrganization", normalized]);
        return (found, false);
    }

    /// <summary>Published ≤ deadline ≤ result ≤ today: a past result is in the past, in the order it happened.</summary>
    private void PastDates(Dictionary<string, string> e, DateOnly? published, DateOnly? deadline, string deadlineField, DateOnly? result, string resultField)
    {
        if (published is { } p && p > Today) e.TryAdd(nameof(PastCallInput.PublishedOn), t["Past_Val_Future", t["Past_Field_PublishedOn"]]);
        if (published is { } p1 && deadline is { } d1 && d1 < p1) e.TryAdd(deadlineField, t["Past_Val_DeadlineBeforePublished"]);
        if (result is { } r && r > Today) e.TryAdd(resultField, t["Past_Val_ResultFuture"]);
        else if (deadline is { } d2 && result is { } r2 && r2 < d2) e.TryAdd(resultField, t["Past_Val_ResultBeforeDeadline"]);
    }

    private static DateTime AtJst(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), DisplayFormatter.Jst);
}

public sealed record PastResultRow(PostingKind Kind, int Id, string Title, string OrganizationName, string WinnerName, DateOnly? ResultDate, long? AmountYen, DateTime? RecordedAt)
{
    public string Url => Kind == PostingKind.Call ? $"/calls/{Id}" : $"/openings/{Id}";
}
