using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Matching.Codes;
using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.Experts;

/// <summary>
/// An expert's own profile. Every method takes the signed-in user's id and nothing else identifies the
/// profile, so no page or crafted request can reach another expert's.
/// </summary>
public sealed partial class ExpertProfileService(MarketplaceDbContext db, TaxonomyCatalog taxonomy, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int FullNameMax = 100;
    public const int PhoneMax = 30;
    public const int SummaryMax = 10_000;
    public const int CareerTextMax = 200;
    public const int VendorNameMax = 200;
    public const int MaxCareerRows = 30;
    public const int MaxYears = 60;
    public const long MaxPayYen = 1_000_000_000;

    /// <summary>The units an expert can state desired pay in.</summary>
    public static readonly PayUnit[] DesiredPayUnits = [PayUnit.Day, PayUnit.Month, PayUnit.Year];

    public Task<ExpertProfile?> FindForUserAsync(string userId, CancellationToken ct = default) =>
        db.ExpertProfiles.Include(p => p.Skills).Include(p => p.Career)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.UserId == userId, ct);

    /// <summary>The expert's profile; one that has none yet gets an empty one named after the account. Null for an unknown user.</summary>
    public async Task<ExpertProfile?> GetOrCreateForUserAsync(string userId, CancellationToken ct = default)
    {
        var profile = await FindForUserAsync(userId, ct);
        if (profile is not null) return profile;
        var displayName = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (displayName is null) return null;
        profile = new ExpertProfile
        {
            UserId = userId,
            FullName = displayName.Length > FullNameMax ? displayName[..FullNameMax] : displayName,
            UpdatedAt = Now,
        };
        db.ExpertProfiles.Add(profile);
        try
        {
            await db.SaveChangesAsync(ct);
            return profile;
        }
        catch (DbUpdateException)
        {
            // The same expert opened two pages at once: the other request created it.
            db.ChangeTracker.Clear();
            return await FindForUserAsync(userId, ct);
        }
    }

    public Task<List<Prefecture>> PrefecturesAsync(CancellationToken ct = default) =>
        db.Prefectures.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);

    /// <summary>Validates the whole input; saves only if nothing is wrong.</summary>
    public async Task<ServiceResult<ExpertProfile>> UpdateAsync(string userId, ProfileInput input, CancellationToken ct = default)
    {
        var profile = await GetOrCreateForUserAsync(userId, ct);
        if (profile is null) return ServiceResult<ExpertProfile>.Invalid(new Dictionary<string, string> { [""] = t["Error_Generic"] });

        var e = new Dictionary<string, string>();
        void Err(string field, string key, params object[] args) => e.TryAdd(field, t[key, args]);
        var numbers = new NumberFields(t, e);

        var fullName = Clean(input.FullName);
        if (fullName.Length == 0) Err(nameof(input.FullName), "Val_Required", t["Field_FullName"]);
        else if (fullName.Length > FullNameMax) Err(nameof(input.FullName), "Val_TooLong", t["Field_FullName"], FullNameMax, fullName.Length);

        string? phone = null;
        var phoneText = Clean(input.Phone).Normalize(NormalizationForm.FormKC).Replace('ー', '-').Replace('−', '-').Replace('‐', '-');
        if (phoneText.Length > PhoneMax) Err(nameof(input.Phone), "Val_TooLong", t["Field_Phone"], PhoneMax, phoneText.Length);
        else if (phoneText.Length > 0 && (!PhonePattern().IsMatch(phoneText) || phoneText.Count(char.IsAsciiDigit) is < 8 or > 15)) Err(nameof(input.Phone), "Val_Phone");
        else if (phoneText.Length > 0) phone = phoneText;

        var prefecture = JapaneseText.NormalizeCode(input.HomePrefectureCode);
        if (prefecture.Length > 0 && !await db.Prefectures.AnyAsync(p => p.Code == prefecture, ct)) Err(nameof(input.HomePrefectureCode), "Val_Choose", t["Field_HomePrefecture"]);

        // Career: blank rows are ignored; a partly filled row is an error on its first missing field.
        var career = new List<CareerEntry>();
        var thisMonth = FirstOfMonth(DisplayFormatter.TodayInJapan(clock));
        var rows = input.Career ?? [];
        if (rows.Count(r => r is not null && !r.IsBlank) > MaxCareerRows) Err("Career", "Val_TooManyLines", t["Field_Career"], MaxCareerRows);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null || row.IsBlank) continue;
            var field = $"Career[{i}].";
            var org = Clean(row.Organization);
            var role = Clean(row.Role);
            var lineNo = i + 1;
            if (org.Length == 0) { Err(field + nameof(row.Organization), "Val_CareerIncomplete", lineNo); continue; }
            if (role.Length == 0) { Err(field + nameof(row.Role), "Val_CareerIncomplete", lineNo); continue; }
            if (string.IsNullOrWhiteSpace(row.From)) { Err(field + nameof(row.From), "Val_CareerIncomplete", lineNo); continue; }
            if (org.Length > CareerTextMax) { Err(field + nameof(row.Organization), "Val_TooLong", t["Field_CareerOrganization"], CareerTextMax, org.Length); continue; }
            if (role.Length > CareerTextMax) { Err(field + nameof(row.Role), "Val_TooLong", t["Field_CareerRole"], CareerTextMax, role.Length); continue; }
            if (!TryParseYearMonth(row.From, out var from)) { Err(field + nameof(row.From), "Val_YearMonth", t["Field_CareerFrom"]); continue; }
            if (from > thisMonth) { Err(field + nameof(row.From), "Val_FutureMonth", t["Field_CareerFrom"]); continue; }
            DateOnly? to = null;
            if (!string.IsNullOrWhiteSpace(row.To))
            {
                if (!TryParseYearMonth(row.To, out var end)) { Err(field + nameof(row.To), "Val_YearMonth", t["Field_CareerTo"]); continue; }
                if (end < from) { Err(field + nameof(row.To), "Val_CareerToBeforeFrom", lineNo); continue; }
                to = end;
            }
            career.Add(new CareerEntry { Organization = org, Role = role, From = from, To = to, PublicSector = row.PublicSector });
        }

        // Skills: one years box per taxonomy skill.
        var skills = new Dictionary<string, int>();
        foreach (var (code, text) in input.SkillYears ?? [])
        {
            if (!TaxonomyCatalog.Contains(taxonomy.Skills, code))
            {
                Err("SkillYears", "Val_UnknownCode", t["Field_Skills"]);
                continue;
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!JapaneseText.TryParseYen(text, out var years) || years < 0 || years > MaxYears)
            {
                Err($"SkillYears[{code}]", "Val_IntRange", t["Field_SkillYearsOf", TaxonomyCatalog.Label(taxonomy.Skills, code)], 0, MaxYears);
                continue;
            }
            if (years > 0) skills[code] = (int)years;
        }

        var certifications = (input.Certifications ?? []).Distinct().ToList();
        if (certifications.Any(c => !TaxonomyCatalog.Contains(taxonomy.Certifications, c))) Err(nameof(input.Certifications), "Val_UnknownCode", t["Field_Certifications"]);

        var yearsExperience = numbers.Int(nameof(input.YearsExperience), input.YearsExperience, "Field_YearsExperience", 0, MaxYears) ?? 0;
        var publicYears = numbers.Int(nameof(input.PublicSectorYears), input.PublicSectorYears, "Field_PublicSectorYears", 0, MaxYears) ?? 0;
        if (publicYears > yearsExperience && !e.ContainsKey(nameof(input.YearsExperience))) Err(nameof(input.PublicSectorYears), "Val_PublicYearsOverTotal");

        var days = numbers.Dec(nameof(input.AvailableDaysPerWeek), input.AvailableDaysPerWeek, "Field_AvailableDaysPerWeek", 0.5, 5);
        var onsite = numbers.Dec(nameof(input.MaxOnsiteDaysPerMonth), input.MaxOnsiteDaysPerMonth, "Field_MaxOnsiteDaysPerMonth", 0, 31);

        // As people write it: 月額27万円, 約1,140万円 (a wish, so an approximate figure is taken as it is); 0 means no figure.
        var payUnitChosen = Enum.TryParse<PayUnit>(input.DesiredPayUnit, out var payUnit) && DesiredPayUnits.Contains(payUnit);
        var payAmount = numbers.Pay(nameof(input.DesiredPayAmount), input.DesiredPayAmount, "Field_DesiredPayAmount", MaxPayYen,
            payUnitChosen ? OpeningService.ToPostedUnit(payUnit) : null, taxonomy.PayUnitLabel, zeroRefusal: null)?.Value ?? 0;
        if (!payUnitChosen) Err(nameof(input.DesiredPayUnit), "Val_Choose", t["Field_DesiredPayUnit"]);
        else if (payAmount > 0 && payUnit != PayUnit.Day && days is null && !e.ContainsKey(nameof(input.AvailableDaysPerWeek))) Err(nameof(input.AvailableDaysPerWeek), "Val_PayNeedsDays");

        var engagements = (input.AcceptedEngagements ?? []).Distinct().ToList();
        if (engagements.Any(c => !TaxonomyCatalog.Contains(taxonomy.Engagements, c))) Err(nameof(input.AcceptedEngagements), "Val_UnknownCode", t["Field_AcceptedEngagements"]);

        // Not answering is allowed (and shown as not entered); an answer must be one of the choices.
        SideJobPermission? sideJob = null;
        if (!string.IsNullOrEmpty(input.SideJob))
        {
            if (!Enum.TryParse<SideJobPermission>(input.SideJob, out var chosen) || !Enum.IsDefined(chosen) || int.TryParse(input.SideJob, out _)) Err(nameof(input.SideJob), "Val_Choose", t["Field_SideJob"]);
            else sideJob = chosen;
        }
        if (!Enum.TryParse<ProfileVisibility>(input.Visibility, out var visibility) || !Enum.IsDefined(visibility) || int.TryParse(input.Visibility, out _)) Err(nameof(input.Visibility), "Val_Choose", t["Field_Visibility"]);

        var vendorName = Clean(input.VendorAffiliationName);
        var vendorNumber = JapaneseText.NormalizeCode(input.VendorCorporateNumber);
        if (vendorName.Length > VendorNameMax) Err(nameof(input.VendorAffiliationName), "Val_TooLong", t["Field_VendorName"], VendorNameMax, vendorName.Length);
        if (vendorNumber.Length > 0 && !CorporateNumber.IsValid(vendorNumber)) Err(nameof(input.VendorCorporateNumber), "Val_CorporateNumber");
        if (vendorName.Length > 0 && vendorNumber.Length == 0) Err(nameof(input.VendorCorporateNumber), "Val_VendorBoth");
        if (vendorName.Length == 0 && vendorNumber.Length > 0) Err(nameof(input.VendorAffiliationName), "Val_VendorBoth");

        var summary = (input.Summary ?? "").Replace("\r\n", "\n").Trim();
        if (summary.Length > SummaryMax) Err(nameof(input.Summary), "Val_TooLong", t["Field_Summary"], SummaryMax, summary.Length);

        if (e.Count > 0) return ServiceResult<ExpertProfile>.Invalid(e);

        long dayRate = 0;
        if (payAmount > 0)
        {
            try
            {
                // A day rate does not depend on the days worked; the other units need them.
                dayRate = ComparablePay.Compute(new PostedPay(payAmount, OpeningService.ToPostedUnit(payUnit), days ?? 5, 12)).DayRateYen;
            }
            catch (ArgumentOutOfRangeException)
            {
                return ServiceResult<ExpertProfile>.Invalid(new Dictionary<string, string> { [nameof(input.DesiredPayAmount)] = t["Val_Yen", t["Field_DesiredPayAmount"]] });
            }
        }

        profile.FullName = fullName;
        profile.Phone = phone;
        profile.HomePrefectureCode = prefecture;
        profile.YearsExperience = yearsExperience;
        profile.PublicSectorYears = publicYears;
        profile.AvailableDaysPerWeek = days ?? 0;
        profile.MaxOnsiteDaysPerMonth = onsite;
        profile.DesiredPayAmountYen = payAmount;
        profile.DesiredPayUnit = payUnit;
        profile.DesiredDayRateYen = dayRate;
        profile.AcceptedEngagements = engagements;
        profile.Certifications = certifications;
        // CertifiedCio is not the expert's to set: it follows the national certification (CertificationService).
        profile.SideJob = sideJob;
        profile.Visibility = visibility;
        profile.NotAvailableNow = input.NotAvailableNow;
        profile.VendorAffiliationName = vendorName.Length > 0 ? vendorName : null;
        profile.VendorCorporateNumber = vendorNumber.Length > 0 ? vendorNumber : null;
        profile.Summary = summary;
        profile.UpdatedAt = Now;

        db.CareerEntries.RemoveRange(profile.Career);
        profile.Career.Clear();
        profile.Career.AddRange(career);

        profile.Skills.RemoveAll(s => !skills.ContainsKey(s.SkillCode));
        foreach (var (code, years) in skills)
        {
            var existing = profile.Skills.FirstOrDefault(s => s.SkillCode == code);
            if (existing is not null) existing.Years = years;
            else profile.Skills.Add(new ExpertSkill { SkillCode = code, Years = years });
        }

        await db.SaveChangesAsync(ct);
        return ServiceResult<ExpertProfile>.Ok(profile);
    }

    public ProfileInput ToInput(ExpertProfile p)
    {
        var input = new ProfileInput
        {
            FullName = p.FullName,
            Phone = p.Phone,
            HomePrefectureCode = p.HomePrefectureCode,
            Career = p.Career.OrderByDescending(c => c.To is null).ThenByDescending(c => c.From).Select(c => new CareerRowInput
            {
                Organization = c.Organization,
                Role = c.Role,
                From = YearMonthText(c.From),
                To = c.To is { } to ? YearMonthText(to) : null,
                PublicSector = c.PublicSector,
            }).ToList(),
            SkillYears = p.Skills.ToDictionary(s => s.SkillCode, s => (string?)s.Years.ToString(CultureInfo.InvariantCulture)),
            Certifications = [.. p.Certifications],
            YearsExperience = p.YearsExperience > 0 ? p.YearsExperience.ToString(CultureInfo.InvariantCulture) : null,
            PublicSectorYears = p.PublicSectorYears > 0 ? p.PublicSectorYears.ToString(CultureInfo.InvariantCulture) : null,
            AvailableDaysPerWeek = p.AvailableDaysPerWeek > 0 ? p.AvailableDaysPerWeek.ToString(CultureInfo.InvariantCulture) : null,
            MaxOnsiteDaysPerMonth = p.MaxOnsiteDaysPerMonth?.ToString(CultureInfo.InvariantCulture),
            DesiredPayAmount = p.DesiredPayAmountYen > 0 ? p.DesiredPayAmountYen.ToString(CultureInfo.InvariantCulture) : null,
            DesiredPayUnit = DesiredPayUnits.Contains(p.DesiredPayUnit) ? p.DesiredPayUnit.ToString() : PayUnit.Month.ToString(),
            AcceptedEngagements = [.. p.AcceptedEngagements],
            SideJob = p.SideJob?.ToString(),
            VendorAffiliationName = p.VendorAffiliationName,
            VendorCorporateNumber = p.VendorCorporateNumber,
            Summary = p.Summary,
            Visibility = p.Visibility.ToString(),
            NotAvailableNow = p.NotAvailableNow,
        };
        WithEmptyCareerRows(input);
        return input;
    }

    /// <summary>Pads the career rows with <see cref="ProfileInput.EmptyCareerRows"/> empty ones (after a failed post, up to that many).</summary>
    public static void WithEmptyCareerRows(ProfileInput input)
    {
        var blanks = input.Career.Count(r => r is null || r.IsBlank);
        for (var i = blanks; i < ProfileInput.EmptyCareerRows; i++) input.Career.Add(new CareerRowInput());
    }

    public static string YearMonthText(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    /// <summary>Accepts 2020-04, 2020/4, 2020.4, 2020年4月, 202004 and full-width digits; the result is the 1st of that month.</summary>
    public static bool TryParseYearMonth(string? text, out DateOnly month)
    {
        month = default;
        var s = (text ?? "").Normalize(NormalizationForm.FormKC).Trim()
            .Replace('/', '-').Replace('.', '-').Replace('年', '-').Replace("月", "").Replace('−', '-').Replace('ー', '-').Replace(" ", "");
        var m = YearMonthPattern().Match(s);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var mon = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2200 || mon is < 1 or > 12) return false;
        month = new DateOnly(year, mon, 1);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})-?(\d{1,2})$")]
    private static partial Regex YearMonthPattern();

    [GeneratedRegex(@"^\+?[0-9()\- ]+$")]
    private static partial Regex PhonePattern();

    private static string Clean(string? s) => (s ?? "").Trim();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
