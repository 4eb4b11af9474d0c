using System.Text.Json;
using System.Text.Json.Serialization;
using Bogus;

namespace Marketplace.Web.Features.Seeding;

public sealed record DemoSignIn(string Role, string Email, string Organization);

/// <summary>
/// Demo accounts, the real postings of seed/demo-openings.json, and Bogus-generated openings and
/// experts (fixed seed, so every fresh database holds the same demo data).
/// </summary>
public sealed class DemoDataSeeder(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    OpeningService openings,
    CallService calls,
    DispatchDemoSeeder dispatch,
    Cases.CaseDemoSeeder cases,
    TaxonomyCatalog taxonomy,
    TimeProvider clock,
    ILogger<DemoDataSeeder> log)
{
    public const string Password = "demo-pass-2026";

    /// <summary>
    /// Demo mode only (Seed:Demo, never Production): the authenticator key (Base32) of the demo office and staff
    /// accounts, printed by the start-up banner beside <see cref="Password"/> so that demos and scripted checks can
    /// complete the second factor (any TOTP app or <c>oathtool --totp -b KEY</c>).
    /// </summary>
    public const string AuthenticatorKey = "CIOMARKETPLACEDEMOSECRETKEY23456";
    public const string Domain = "demo.cio-marketplace.jp";
    public const int GeneratedOpenings = 60;
    public const int GeneratedExperts = 200;

    public static readonly DemoSignIn[] SignIns =
    [
        new(Roles.NationalOffice, $"office@{Domain}", ""),
        new(Roles.Staff, $"osaka@{Domain}", "270008"),
        new(Roles.Staff, $"ozu@{Domain}", "382078"),
        new(Roles.Staff, $"maibara@{Domain}", "252140"),
        new(Roles.Staff, $"maibara2@{Domain}", "252140"),
        new(Roles.Staff, $"uchiko@{Domain}", "384224"),
        new(Roles.Expert, $"expert@{Domain}", ""),
        new(Roles.Vendor, $"vendor@{Domain}", ""),
        new(Roles.Vendor, $"vendor2@{Domain}", ""),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(u => u.Email == SignIns[0].Email, ct))
        {
            await EnsureDemoSecondFactorAsync(ct);
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Code, ct);
        // One PBKDF2 hash shared by every demo account keeps seeding fast; each account still has its own security stamp.
        var hash = users.PasswordHasher.HashPassword(new AppUser(), Password);

        var vendor = new VendorCompany { Name = "株式会社デモ自治体DXパートナーズ", CorporateNumber = "1180301018771", Address = "東京都千代田区霞が関1-1-1", RepresentativeName = "代表取締役 デモ 太郎", CreatedAt = now };
        var vendor2 = new VendorCompany { Name = "株式会社びわ湖デジタルコンサルティング", CorporateNumber = "6160001012345", Address = "滋賀県大津市京町3-1-1", RepresentativeName = "代表取締役 湖東 次郎", CreatedAt = now };
        db.VendorCompanies.AddRange(vendor, vendor2);
        var accounts = new Dictionary<string, AppUser>();
        foreach (var s in SignIns)
        {
            var user = NewUser(s.Email, s.Role switch
            {
                Roles.NationalOffice => "デジタル人材派遣事務局",
                Roles.Staff => s.Email.StartsWith("maibara2@", StringComparison.Ordinal) ? $"{orgs[s.Organization].NameJa} 情報政策課長" : $"{orgs[s.Organization].NameJa} DX推進担当",
                Roles.Vendor => s.Email.StartsWith("vendor2@", StringComparison.Ordinal) ? "営業担当 びわ湖" : "営業担当 デモ",
                _ => "山田 花子",
            }, hash, now);
            if (s.Role == Roles.Staff) user.OrganizationId = orgs[s.Organization].Id;
            if (s.Role == Roles.Vendor) user.VendorCompany = s.Email.StartsWith("vendor2@", StringComparison.Ordinal) ? vendor2 : vendor;
            accounts[s.Email] = user;
        }

        var faker = new Faker("ja") { Random = new Randomizer(2026) };
        var expertUsers = new List<(AppUser User, ExpertProfile Profile)>();
        var prefectureCodes = await db.Prefectures.Select(p => p.Code).OrderBy(c => c).ToListAsync(ct);
        for (var i = 1; i <= GeneratedExperts; i++)
        {
            var name = $"{faker.Name.LastName()} {faker.Name.FirstName()}";
            var user = NewUser($"expert{i:000}@{Domain}", name, hash, now);
            expertUsers.Add((user, NewExpertProfile(faker, user, name, prefectureCodes, now)));
        }
        var mainExpert = accounts[$"expert@{Domain}"];
        expertUsers.Add((mainExpert, NewExpertProfile(faker, mainExpert, mainExpert.DisplayName, prefectureCodes, now)));
        // The demo expert starts uncertified, so that certification can be walked through in the browser.
        expertUsers[^1].Profile.CertifiedCio = false;

        foreach (var (user, role) in accounts.Values.Select(u => (u, SignIns.First(s => s.Email == u.Email).Role))
                     .Concat(expertUsers.Where(e => e.User != mainExpert).Select(e => (e.User, Roles.Expert))))
        {
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleId(role, ct) });
        }
        db.ExpertProfiles.AddRange(expertUsers.Select(e => e.Profile));
        await db.SaveChangesAsync(ct);

        await EnsureDemoSecondFactorAsync(ct);
        await SeedRealPostingsAsync(orgs, accounts, ct);
        await SeedGeneratedOpeningsAsync(faker, orgs.Values.ToList(), accounts, ct);
        await SeedApplicationsAsync(faker, expertUsers.Select(e => e.Profile).Where(p => p.User != mainExpert).ToList(), orgs, vendor, ct);
        await SeedCallsAsync(orgs, accounts, vendor, vendor2, ct);
        await dispatch.SeedAsync(orgs, ct);
        await cases.SeedAsync(ct);
        log.LogInformation("Demo data created: {Experts} experts, {Openings} openings", expertUsers.Count, await db.Openings.CountAsync(ct));
        return true;
    }

    /// <summary>
    /// The demo office and staff accounts have the fixed <see cref="AuthenticatorKey"/> and the second factor on
    /// (databases seeded before it existed get it too); an account that enrolled another key keeps it.
    /// </summary>
    private async Task EnsureDemoSecondFactorAsync(CancellationToken ct)
    {
        var emails = SignIns.Where(s => TwoFactor.TwoFactorService.IsRequiredFor([s.Role])).Select(s => users.NormalizeEmail(s.Email)).ToList();
        var accounts = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToList();
        var keyed = await db.UserTokens.Where(t => ids.Contains(t.UserId) && t.LoginProvider == AuthenticatorStore && t.Name == AuthenticatorKeyName)
            .Select(t => t.UserId).ToListAsync(ct);
        foreach (var user in accounts.Where(a => !keyed.Contains(a.Id)))
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = AuthenticatorStore, Name = AuthenticatorKeyName, Value = AuthenticatorKey });
            user.TwoFactorEnabled = true;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Where Identity's user store keeps the authenticator key (UserStoreBase's internal constants).</summary>
    private const string AuthenticatorStore = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    private readonly Dictionary<string, string> _roleIds = [];

    private async Task<string> RoleId(string role, CancellationToken ct)
    {
        if (!_roleIds.TryGetValue(role, out var id))
        {
            id = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
            _roleIds[role] = id;
        }
        return id;
    }

    private AppUser NewUser(string email, string displayName, string hash, DateTime now) => new()
    {
        UserName = email,
        NormalizedUserName = users.NormalizeName(email),
        Email = email,
        NormalizedEmail = users.NormalizeEmail(email),
        EmailConfirmed = true,
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        DisplayName = displayName,
        Status = AccountStatus.Active,
        CreatedAt = now,
    };

    private ExpertProfile NewExpertProfile(Faker f, AppUser user, string name, List<string> prefectures, DateTime now)
    {
        var years = f.Random.Int(5, 35);
        var skillCodes = f.PickRandom(taxonomy.Skills.Select(s => s.Code), f.Random.Int(3, 8)).ToList();
        var publicYears = f.Random.Bool(0.45f) ? f.Random.Int(1, Math.Min(years, 20)) : 0;
        return new ExpertProfile
        {
            User = user,
            UserId = user.Id,
            FullName = name,
            Phone = f.Phone.PhoneNumber("0##-####-####"),
            HomePrefectureCode = f.Random.Bool(0.4f) ? "13" : f.PickRandom(prefectures),
            YearsExperience = years,
            PublicSectorYears = publicYears,
            AvailableDaysPerWeek = f.PickRandom(1.0, 2.0, 3.0, 4.0, 5.0),
            MaxOnsiteDaysPerMonth = f.PickRandom(0.0, 1.0, 2.0, 4.0, 8.0, 20.0),
            DesiredDayRateYen = f.Random.Int(25, 90) * 1000,
            AcceptedEngagements = f.PickRandom(taxonomy.Engagements.Select(e => e.Code), f.Random.Int(1, 4)).ToList(),
            Certifications = f.PickRandom(taxonomy.Certifications.Select(c => c.Code), f.Random.Int(0, 3)).ToList(),
            Skills = skillCodes.Select(c => new ExpertSkill { SkillCode = c, Years = f.Random.Int(1, Math.Max(1, years)) }).ToList(),
            Summary = $"{f.PickRandom(SummaryOpeners)}{string.Join("、", skillCodes.Take(3).Select(c => TaxonomyCatalog.Label(taxonomy.Skills, c)))}の経験を活かし、{f.PickRandom(SummaryGoals)}",
            Visibility = f.Random.Bool(0.7f) ? ProfileVisibility.VisibleToStaff : ProfileVisibility.HiddenUntilApplied,
            CertifiedCio = f.Random.Bool(0.12f),
            UpdatedAt = now,
        };
    }

    private static readonly string[] SummaryOpeners =
    [
        "民間企業の情報システム部門で", "大手SIerでのプロジェクト責任者として", "コンサルティングファームで自治体案件に携わり、",
        "県庁の情報政策課で", "スタートアップのCTOとして", "地方銀行のDX推進室で",
    ];

    private static readonly string[] SummaryGoals =
    [
        "自治体の業務改革と職員の人材育成に貢献したいと考えています。", "地域のDXを住民目線で進めるお手伝いをします。",
        "ベンダー任せにしない調達と内製化を支援します。", "小規模自治体でも続けられるデジタル化を一緒に考えます。",
    ];

    private sealed class RealPosting
    {
        [JsonPropertyName("org_code")] public string OrgCode { get; set; } = "";
        [JsonPropertyName("notice_title")] public string? NoticeTitle { get; set; }
        [JsonPropertyName("role")] public string Role { get; set; } = "";
        [JsonPropertyName("engagement")] public string Engagement { get; set; } = "";
        [JsonPropertyName("title")] public string Title { get; set; } = "";
        [JsonPropertyName("rank")] public string? Rank { get; set; }
        [JsonPropertyName("positions")] public int Positions { get; set; } = 1;
        [JsonPropertyName("description")] public string Description { get; set; } = "";
        [JsonPropertyName("duties")] public List<string> Duties { get; set; } = [];
        [JsonPropertyName("first_term_months")] public int FirstTermMonths { get; set; }
        [JsonPropertyName("start_in_days")] public int? StartInDays { get; set; }
        [JsonPropertyName("renewal_rule")] public string RenewalRule { get; set; } = "None";
        [JsonPropertyName("renewal_max_count")] public int? RenewalMaxCount { get; set; }
        [JsonPropertyName("renewal_max_total_months")] public int? RenewalMaxTotalMonths { get; set; }
        [JsonPropertyName("follow_on_term_months")] public int? FollowOnTermMonths { get; set; }
        [JsonPropertyName("term_notes")] public string? TermNotes { get; set; }
        [JsonPropertyName("pay_yen")] public long PayYen { get; set; }
        [JsonPropertyName("pay_unit")] public string PayUnit { get; set; } = "Month";
        [JsonPropertyName("pay_tax_included")] public bool PayTaxIncluded { get; set; }
        [JsonPropertyName("allowances")] public List<string> Allowances { get; set; } = [];
        [JsonPropertyName("commuting_allowance_paid")] public bool CommutingAllowancePaid { get; set; }
        [JsonPropertyName("pay_notes")] public string? PayNotes { get; set; }
        [JsonPropertyName("days_per_week")] public double DaysPerWeek { get; set; }
        [JsonPropertyName("onsite_days")] public double OnsiteDays { get; set; }
        [JsonPropertyName("onsite_period")] public string OnsitePeriod { get; set; } = "Month";
        [JsonPropertyName("remote_allowed")] public bool RemoteAllowed { get; set; }
        [JsonPropertyName("work_location")] public string? WorkLocation { get; set; }
        [JsonPropertyName("work_style_notes")] public string? WorkStyleNotes { get; set; }
        [JsonPropertyName("required_skills")] public List<string> RequiredSkills { get; set; } = [];
        [JsonPropertyName("preferred_skills")] public List<string> PreferredSkills { get; set; } = [];
        [JsonPropertyName("public_sector_experience_required")] public bool PublicSectorExperienceRequired { get; set; }
        [JsonPropertyName("deadline_in_days")] public int DeadlineInDays { get; set; }
        [JsonPropertyName("selection_steps")] public List<string> SelectionSteps { get; set; } = [];
    }

    private sealed class RealPostingFile
    {
        [JsonPropertyName("openings")] public List<RealPosting> Openings { get; set; } = [];
    }

    private async Task SeedRealPostingsAsync(Dictionary<string, Organization> orgs, Dictionary<string, AppUser> accounts, CancellationToken ct)
    {
        await using var stream = File.OpenRead(SeedFiles.PathOf("demo-openings.json"));
        var file = await JsonSerializer.DeserializeAsync<RealPostingFile>(stream, cancellationToken: ct) ?? new();
        var today = Localization.DisplayFormatter.TodayInJapan(clock);
        foreach (var p in file.Openings)
        {
            var org = orgs[p.OrgCode];
            var staff = accounts.Values.FirstOrDefault(u => u.OrganizationId == org.Id);
            var input = new OpeningInput
            {
                Notice = p.NoticeTitle is null ? "" : "new",
                NewNoticeTitle = p.NoticeTitle,
                RoleCode = p.Role,
                EngagementCode = p.Engagement,
                Title = p.Title,
                Description = p.Description,
                Duties = string.Join('\n', p.Duties),
                Rank = p.Rank,
                Positions = Invariant(p.Positions),
                FirstTermMonths = Invariant(p.FirstTermMonths),
                StartDate = p.StartInDays is { } s ? today.AddDays(s).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                RenewalRule = p.RenewalRule,
                RenewalMaxCount = p.RenewalMaxCount?.ToString(CultureInfo.InvariantCulture),
                RenewalMaxTotalMonths = p.RenewalMaxTotalMonths?.ToString(CultureInfo.InvariantCulture),
                FollowOnTermMonths = p.FollowOnTermMonths?.ToString(CultureInfo.InvariantCulture),
                TermNotes = p.TermNotes,
                PayAmount = Invariant(p.PayYen),
                PayUnit = p.PayUnit,
                PayTaxIncluded = p.PayTaxIncluded,
                AllowancesIncluded = p.Allowances,
                CommutingAllowancePaid = p.CommutingAllowancePaid,
                PayNotes = p.PayNotes,
                DaysPerWeek = Invariant(p.DaysPerWeek),
                OnsiteDays = Invariant(p.OnsiteDays),
                OnsitePeriod = p.OnsitePeriod,
                RemoteAllowed = p.RemoteAllowed,
                WorkLocation = p.WorkLocation,
                WorkStyleNotes = p.WorkStyleNotes,
                RequiredSkills = p.RequiredSkills,
                PreferredSkills = p.PreferredSkills,
                PublicSectorExperienceRequired = p.PublicSectorExperienceRequired,
                ApplicationDeadline = today.AddDays(p.DeadlineInDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                SelectionSteps = string.Join('\n', p.SelectionSteps),
            };
            await CreateAndPublishAsync(org.Id, staff?.Id ?? "", input, ct);
        }
    }

    private async Task SeedGeneratedOpeningsAsync(Faker f, List<Organization> orgs, Dictionary<string, AppUser> accounts, CancellationToken ct)
    {
        var today = Localization.DisplayFormatter.TodayInJapan(clock);
        var skills = taxonomy.Skills.Select(s => s.Code).ToArray();
        for (var i = 0; i < GeneratedOpenings; i++)
        {
            var org = f.PickRandom(orgs);
            var (role, roleTitle) = f.PickRandom(GeneratedRoles);
            var engagement = role == "cio" || role == "deputy_cio" ? "fixed_term_staff" : f.PickRandom("fixed_term_staff", "part_time_appointee", "part_time_appointee", "fiscal_year_appointee");
            var (unit, amount, days) = engagement switch
            {
                "fixed_term_staff" => ("Year", f.Random.Int(70, 140) * 100_000L, 5.0),
                "fiscal_year_appointee" => ("Hour", f.Random.Int(20, 60) * 100L, f.PickRandom(2.0, 3.0, 4.0)),
                _ => f.Random.Bool() ? ("Month", f.Random.Int(15, 45) * 10_000L, f.PickRandom(1.0, 2.0, 3.0)) : ("Day", f.Random.Int(25, 80) * 1_000L, f.PickRandom(1.0, 2.0)),
            };
            var remote = days < 5 && f.Random.Bool(0.7f);
            var onsite = remote ? f.PickRandom(0.0, 1.0, 2.0, 4.0) : Math.Round(days * 4);
            var required = f.PickRandom(skills, f.Random.Int(1, 3)).ToList();
            var preferred = f.PickRandom(skills.Except(required), f.Random.Int(0, 3)).ToList();
            var termMonths = engagement == "fixed_term_staff" ? f.PickRandom(12, 24, 36) : f.PickRandom(3, 6, 12);
            var renewal = f.PickRandom("None", "RenewableTimes", "RenewableUpToTotalMonths", "Unlimited");
            var input = new OpeningInput
            {
                RoleCode = role,
                EngagementCode = engagement,
                Title = $"{org.NameJa}{roleTitle}",
                Description = $"{org.NameJa}では、{f.PickRandom(Themes)}を進めるため、{roleTitle}を募集します。{f.PickRandom(Appeals)}",
                Duties = string.Join('\n', required.Concat(preferred).Select(c => $"{TaxonomyCatalog.Label(taxonomy.Skills, c)}に関する助言・推進")),
                Rank = role == "cio" ? "部長級" : role == "deputy_cio" ? "次長級" : null,
                Positions = "1",
                FirstTermMonths = Invariant(termMonths),
                StartDate = today.AddDays(f.Random.Int(60, 150)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                RenewalRule = renewal,
                RenewalMaxCount = renewal == "RenewableTimes" ? Invariant(f.Random.Int(1, 4)) : null,
                RenewalMaxTotalMonths = renewal == "RenewableUpToTotalMonths" ? Invariant(termMonths + f.PickRandom(12, 24, 48)) : null,
                FollowOnTermMonths = termMonths == 3 ? "24" : null,
                PayAmount = Invariant(amount),
                PayUnit = unit,
                AllowancesIncluded = unit == "Year" ? ["regional", "term_end", "diligence"] : [],
                CommutingAllowancePaid = f.Random.Bool(),
                DaysPerWeek = Invariant(days),
                OnsiteDays = Invariant(onsite),
                OnsitePeriod = "Month",
                RemoteAllowed = remote,
                WorkLocation = $"{org.NameJa}役所・庁舎",
                RequiredSkills = required,
                PreferredSkills = preferred,
                PublicSectorExperienceRequired = f.Random.Bool(0.3f),
                ApplicationDeadline = today.AddDays(f.Random.Int(7, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                SelectionSteps = "書類選考\n面接",
            };
            var staff = accounts.Values.FirstOrDefault(u => u.OrganizationId == org.Id);
            var opening = await CreateAndPublishAsync(org.Id, staff?.Id ?? "", input, ct, publish: i % 10 != 9);
            if (opening is not null)
            {
                // Spread publication times so "newest" has a meaningful order.
                opening.PublishedAt = opening.PublishedAt?.AddHours(-f.Random.Int(1, 24 * 30));
                await db.SaveChangesAsync(ct);
            }
        }
    }

    private async Task<Opening?> CreateAndPublishAsync(int orgId, string userId, OpeningInput input, CancellationToken ct, bool publish = true)
    {
        var created = await openings.CreateAsync(orgId, userId, input, ct);
        if (!created.Succeeded)
        {
            throw new InvalidDataException($"Demo opening '{input.Title}' is invalid: {string.Join("; ", created.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
        }
        if (!publish) return created.Value;
        var published = await openings.PublishAsync(orgId, created.Value!.Id, openings.TokenOf(created.Value), ct);
        return published.Value;
    }

    /// <summary>
    /// Application history for the demo: experts apply to plausible openings, and how far they get depends on
    /// fit (required skills, pay, public-sector experience), so the pipeline pages and the ranker have real signal.
    /// One applicant works for a vendor that 大洲市 has a contract with, to show the conflict-of-interest flag.
    /// </summary>
    private async Task SeedApplicationsAsync(Faker f, List<ExpertProfile> experts, Dictionary<string, Organization> orgs, VendorCompany vendor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = await db.Openings.Include(o => o.Skills).Where(o => o.Status == OpeningStatus.Published).OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var e in experts)
        {
            e.Career =
            [
                new CareerEntry { Organization = f.Company.CompanyName(), Role = f.PickRandom("情報システム部長", "DX推進室長", "PMO", "ITコンサルタント", "CTO"), From = new DateOnly(2026 - Math.Min(e.YearsExperience, 20), 4, 1), To = null, PublicSector = false },
            ];
            if (e.PublicSectorYears > 0)
            {
                e.Career.Add(new CareerEntry { Organization = f.PickRandom(orgs.Values.ToList()).NameJa, Role = "CIO補佐官", From = new DateOnly(2026 - e.PublicSectorYears, 4, 1), To = new DateOnly(2025, 3, 1), PublicSector = true });
            }
            // Everyone here has a current employer, so "not applicable" (no employer) would be a false fact;
            // four choices keep the random sequence, and so the rest of the demo data, as it was.
            e.SideJob = f.PickRandom(SideJobPermission.Permitted, SideJobPermission.Permitted, SideJobPermission.Pending, SideJobPermission.Permitted);
            e.DesiredPayAmountYen = e.DesiredDayRateYen;
            e.DesiredPayUnit = PayUnit.Day;
        }

        var ozu = orgs["382078"];
        db.VendorContracts.Add(new VendorContract
        {
            OrganizationId = ozu.Id, VendorName = vendor.Name, CorporateNumber = vendor.CorporateNumber,
            Relation = VendorRelation.HoldsContract, Description = "基幹系システム運用保守業務（令和7年度〜令和9年度）", CreatedAt = now,
        });
        var affiliated = experts[0];
        affiliated.VendorAffiliationName = vendor.Name;
        affiliated.VendorCorporateNumber = vendor.CorporateNumber;

        foreach (var opening in published)
        {
            var required = opening.RequiredSkillCodes.ToHashSet();
            var candidates = f.PickRandom(experts, f.Random.Int(2, 7)).ToList();
            if (opening.OrganizationId == ozu.Id && !candidates.Contains(affiliated)) candidates.Add(affiliated);
            foreach (var e in candidates)
            {
                var coverage = required.Count == 0 ? 1.0 : e.Skills.Count(s => required.Contains(s.SkillCode)) / (double)required.Count;
                var payFits = e.DesiredDayRateYen <= opening.DayRateYen * 1.1;
                var publicOk = !opening.PublicSectorExperienceRequired || e.PublicSectorYears > 0;
                var fit = coverage * 0.6 + (payFits ? 0.25 : 0) + (publicOk ? 0.15 : 0) + f.Random.Double(-0.15, 0.15);
                var final = fit switch
                {
                    > 0.85 => f.PickRandom(Stages.Hired, Stages.Offered, Stages.Interviewed),
                    > 0.6 => f.PickRandom(Stages.Interviewed, Stages.Interviewed, Stages.Applied, Stages.Declined),
                    > 0.35 => f.PickRandom(Stages.Applied, Stages.ScreenedOut, Stages.Withdrawn),
                    _ => Stages.ScreenedOut,
                };
                var applied = now.AddDays(-f.Random.Int(1, 20));
                var application = new Application
                {
                    OpeningId = opening.Id, ExpertProfileId = e.Id, Stage = final, CreatedAt = applied, UpdatedAt = applied,
                    Motivation = $"{opening.Title}の募集を拝見し、応募いたします。{e.Summary}",
                };
                application.History.Add(new ApplicationStageChange { ToStage = Stages.Applied, ChangedAt = applied, ByExpert = true });
                var path = final switch
                {
                    Stages.Interviewed => new[] { Stages.Interviewed },
                    Stages.Offered => [Stages.Interviewed, Stages.Offered],
                    Stages.Hired => [Stages.Interviewed, Stages.Offered, Stages.Hired],
                    Stages.Declined => [Stages.Interviewed, Stages.Offered, Stages.Declined],
                    Stages.ScreenedOut => [Stages.ScreenedOut],
                    Stages.Withdrawn => [Stages.Withdrawn],
                    _ => [],
                };
                var from = Stages.Applied;
                var at = applied;
                foreach (var to in path)
                {
                    at = at.AddDays(1);
                    var byExpert = to is Stages.Withdrawn or Stages.Declined;
                    application.History.Add(new ApplicationStageChange { FromStage = from, ToStage = to, ChangedAt = at, ByExpert = byExpert, Reason = byExpert ? "" : "書類・面接の評価による（デモ）" });
                    from = to;
                }
                application.UpdatedAt = at;
                db.Applications.Add(application);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed class DemoCall
    {
        [JsonPropertyName("org_code")] public string OrgCode { get; set; } = "";
        [JsonPropertyName("title")] public string Title { get; set; } = "";
        [JsonPropertyName("purpose")] public string Purpose { get; set; } = "";
        [JsonPropertyName("scope")] public string Scope { get; set; } = "";
        [JsonPropertyName("contract_start_in_days")] public int ContractStartInDays { get; set; }
        [JsonPropertyName("contract_months")] public int ContractMonths { get; set; }
        [JsonPropertyName("ceiling_yen")] public long CeilingYen { get; set; }
        [JsonPropertyName("ceiling_tax_included")] public bool CeilingTaxIncluded { get; set; }
        [JsonPropertyName("onsite_days_per_week")] public double OnsiteDaysPerWeek { get; set; }
        [JsonPropertyName("onsite_notes")] public string? OnsiteNotes { get; set; }
        [JsonPropertyName("eligibility")] public List<string> Eligibility { get; set; } = [];
        [JsonPropertyName("question_deadline_in_days")] public int QuestionDeadlineInDays { get; set; }
        [JsonPropertyName("submission_deadline_in_days")] public int SubmissionDeadlineInDays { get; set; }
        [JsonPropertyName("presentation_in_days")] public int? PresentationInDays { get; set; }
        [JsonPropertyName("result_in_days")] public int? ResultInDays { get; set; }
        [JsonPropertyName("score_scale")] public int ScoreScale { get; set; } = 5;
        [JsonPropertyName("price_weight")] public int PriceWeight { get; set; }
        [JsonPropertyName("price_formula")] public string PriceFormula { get; set; } = "";
        [JsonPropertyName("roles")] public List<DemoRole> Roles { get; set; } = [];
        [JsonPropertyName("criteria")] public List<DemoCriterion> Criteria { get; set; } = [];
        [JsonPropertyName("questions")] public List<DemoQuestion> Questions { get; set; } = [];
    }

    private sealed record DemoRole([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("own_employee")] bool OwnEmployee, [property: JsonPropertyName("may_combine")] bool MayCombine);

    private sealed record DemoCriterion([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("description")] string Description, [property: JsonPropertyName("weight")] int Weight);

    private sealed record DemoQuestion([property: JsonPropertyName("question")] string Question, [property: JsonPropertyName("answer")] string Answer);

    private sealed class DemoCallFile
    {
        [JsonPropertyName("calls")] public List<DemoCall> Calls { get; set; } = [];
    }

    /// <summary>
    /// The calls for proposals of seed/demo-calls.json, created and published through the same service staff use,
    /// with an answered question, and staff both demo vendors can name (one linked to an affiliated expert's profile).
    /// </summary>
    private async Task SeedCallsAsync(Dictionary<string, Organization> orgs, Dictionary<string, AppUser> accounts, VendorCompany vendor, VendorCompany vendor2, CancellationToken ct)
    {
        await using var stream = File.OpenRead(SeedFiles.PathOf("demo-calls.json"));
        var file = await JsonSerializer.DeserializeAsync<DemoCallFile>(stream, cancellationToken: ct) ?? new();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Localization.DisplayFormatter.TodayInJapan(clock);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var c in file.Calls)
        {
            var org = orgs[c.OrgCode];
            var staff = accounts.Values.First(u => u.OrganizationId == org.Id);
            var startDay = today.AddDays(c.ContractStartInDays);
            var start = new DateOnly(startDay.Year, startDay.Month, 1).AddMonths(1);
            var input = new CallInput
            {
                Title = c.Title,
                Purpose = c.Purpose,
                Scope = c.Scope,
                ContractStart = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ContractEnd = start.AddMonths(c.ContractMonths).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Ceiling = Invariant(c.CeilingYen),
                CeilingTaxIncluded = c.CeilingTaxIncluded,
                OnsiteDaysPerWeek = Invariant(c.OnsiteDaysPerWeek),
                OnsiteNotes = c.OnsiteNotes,
                Eligibility = string.Join('\n', c.Eligibility),
                QuestionDeadline = Day(c.QuestionDeadlineInDays),
                SubmissionDeadline = Day(c.SubmissionDeadlineInDays),
                PresentationDate = c.PresentationInDays is { } p ? Day(p) : null,
                ResultDate = c.ResultInDays is { } r ? Day(r) : null,
                ScoreScale = Invariant(c.ScoreScale),
                PriceWeight = Invariant(c.PriceWeight),
                PriceFormula = c.PriceFormula,
                Roles = c.Roles.Select(r => new RoleInput { Name = r.Name, MustBeOwnEmployee = r.OwnEmployee, MayCombine = r.MayCombine }).ToList(),
                Criteria = c.Criteria.Select(x => new CriterionInput { Name = x.Name, Description = x.Description, Weight = Invariant(x.Weight) }).ToList(),
            };
            var created = await calls.CreateAsync(org.Id, staff.Id, input, ct);
            if (!created.Succeeded)
            {
                throw new InvalidDataException($"Demo call '{c.Title}' is invalid: {string.Join("; ", created.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
            }
            var published = await calls.PublishAsync(org.Id, created.Value!.Id, calls.TokenOf(created.Value), ct);
            if (!published.Succeeded) throw new InvalidDataException($"Demo call '{c.Title}' could not be published.");
            foreach (var q in c.Questions)
            {
                db.CallQuestions.Add(new CallQuestion
                {
                    CallId = created.Value.Id, VendorCompanyId = vendor2.Id, Body = q.Question, AskedAt = now,
                    Answer = q.Answer, AnsweredAt = now, AnsweredByUserId = staff.Id,
                });
            }
        }

        var affiliated = await db.ExpertProfiles.FirstOrDefaultAsync(e => e.VendorCorporateNumber == vendor.CorporateNumber, ct);
        db.VendorStaffMembers.AddRange(
            new VendorStaffMember { VendorCompanyId = vendor.Id, FullName = affiliated?.FullName ?? "高橋 誠", IsEmployee = true, Qualifications = "元県庁CIO補佐官、情報処理安全確保支援士", ExpertProfileId = affiliated?.Id, CreatedAt = now },
            new VendorStaffMember { VendorCompanyId = vendor.Id, FullName = "中村 美咲", IsEmployee = true, Qualifications = "PMP、自治体システム標準化の支援3件", CreatedAt = now },
            new VendorStaffMember { VendorCompanyId = vendor.Id, FullName = "小林 健（協力会社）", IsEmployee = false, Qualifications = "データ分析、EBPM支援", CreatedAt = now },
            new VendorStaffMember { VendorCompanyId = vendor2.Id, FullName = "湖東 千尋", IsEmployee = true, Qualifications = "市役所情報政策課出身、ITストラテジスト", CreatedAt = now },
            new VendorStaffMember { VendorCompanyId = vendor2.Id, FullName = "長浜 悠", IsEmployee = false, Qualifications = "フリーランスのDXアドバイザー", CreatedAt = now });
        await db.SaveChangesAsync(ct);
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static readonly (string Role, string Title)[] GeneratedRoles =
    [
        ("cio_advisor", "CIO補佐官"), ("cio_advisor", "情報化統括責任者補佐官"), ("cdo_advisor", "CDO補佐官"),
        ("dx_manager", "DX推進監"), ("dx_manager", "地域DXマネージャー"), ("cio", "最高情報統括責任者（CIO）"),
        ("deputy_cio", "副CIO"), ("other", "デジタル戦略アドバイザー"), ("other", "情報セキュリティ専門員"),
        ("cdo", "最高デジタル責任者（CDO）"),
    ];

    private static readonly string[] Themes =
    [
        "自治体情報システムの標準化・ガバメントクラウド移行", "行政手続のオンライン化", "庁内のデータ利活用とEBPM",
        "生成AIの業務活用", "情報セキュリティ対策の強化", "職員のデジタル人材育成", "地域全体のDXと官民共創",
    ];

    private static readonly string[] Appeals =
    [
        "テレワーク中心の勤務も相談可能です。", "民間での経験を行政に活かしたい方を歓迎します。",
        "首長直轄のポストで、庁内横断の改革をリードしていただきます。", "小さなまちだからこそできるDXに挑戦してください。",
    ];
}
