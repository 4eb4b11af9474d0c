namespace Marketplace.Web.Cli;

public sealed record BenchSummary(int Published, int Closed, int SampleOpeningId)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Published:N0} published, {Closed:N0} closed");
}

/// <summary>
/// Fills a benchmark database with copies of the demo postings under other titles, governments and pay, saved in
/// batches through the normal <see cref="MarketplaceDbContext"/> (so whatever a save maintains is maintained).
/// </summary>
public static class BenchPostings
{
    private static readonly string[] Themes =
    [
        "DX推進", "情報政策", "デジタル戦略", "行政改革", "スマート自治体", "データ利活用", "窓口DX", "情報セキュリティ",
        "地域DX", "GX・DX", "業務改革", "自治体システム標準化", "ガバメントクラウド", "オープンデータ", "子育てDX", "防災DX",
    ];

    private const int BatchSize = 2_000;

    /// <summary>What a database kept by an earlier run holds (its published and closed openings, the newest published one).</summary>
    public static async Task<BenchSummary> SummariseAsync(string connectionString, CancellationToken ct = default)
    {
        await using var provider = DataServices(connectionString);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return new BenchSummary(
            await db.Openings.CountAsync(o => o.Status == OpeningStatus.Published, ct),
            await db.Openings.CountAsync(o => o.Status == OpeningStatus.Closed, ct),
            await db.Openings.Where(o => o.Status == OpeningStatus.Published).MaxAsync(o => o.Id, ct));
    }

    private static ServiceProvider DataServices(string connectionString)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketplace"] = connectionString,
            ["Database:Provider"] = "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddMarketplaceData(config, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }

    public static async Task<BenchSummary> FillAsync(string connectionString, int count, CancellationToken ct = default)
    {
        await using var provider = DataServices(connectionString);
        var taxonomy = TaxonomyCatalog.Load(SeedFiles.PathOf("taxonomy.json"), SeedFiles.PathOf("prefectures.csv"));

        List<Opening> templates;
        List<Organization> orgs;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            templates = await db.Openings.AsNoTracking().Include(o => o.Skills).Include(o => o.Organization)
                .Where(o => o.Status == OpeningStatus.Published).OrderBy(o => o.Id).ToListAsync(ct);
            orgs = await db.Organizations.AsNoTracking().Include(o => o.Prefecture).OrderBy(o => o.Id).ToListAsync(ct);
        }
        if (templates.Count == 0) throw new InvalidOperationException("the demo data has no published opening to copy");

        var random = new Random(2026);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        int published = 0, closed = 0, sampleId = 0;
        for (var done = 0; done < count; done += BatchSize)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Opening>();
            for (var i = done; i < Math.Min(count, done + BatchSize); i++)
            {
                var t = templates[random.Next(templates.Count)];
                var org = orgs[random.Next(orgs.Count)];
                var isClosed = random.Next(100) < 15;
                var copy = Copy(t, org, Themes[random.Next(Themes.Length)], random.Next(70, 151) / 100.0, now, today, random, isClosed, taxonomy);
                batch.Add(copy);
                if (isClosed) closed++;
                else published++;
            }
            db.Openings.AddRange(batch);
            await db.SaveChangesAsync(ct);
            sampleId = batch.Where(o => o.Status == OpeningStatus.Published).Select(o => o.Id).FirstOrDefault(sampleId);
            WebBench.Progress($"  {Math.Min(count, done + BatchSize):N0} / {count:N0} postings");
        }
        return new BenchSummary(published, closed, sampleId);
    }

    private static Opening Copy(Opening t, Organization org, string theme, double payFactor, DateTime now, DateOnly today, Random random, bool isClosed, TaxonomyCatalog taxonomy)
    {
        var templateOrg = t.Organization!.NameJa;
        string Swap(string s) => s.Replace(templateOrg, org.NameJa, StringComparison.Ordinal);
        var amount = (long)Math.Round(t.PayAmountYen * payFactor / 100.0) * 100;
        var ratio = t.PayAmountYen == 0 ? 1.0 : (double)amount / t.PayAmountYen;
        var publishedAt = now.AddMinutes(-random.Next(60, 60 * 24 * 365));
        var o = new Opening
        {
            OrganizationId = org.Id,
            Status = isClosed ? OpeningStatus.Closed : OpeningStatus.Published,
            RoleCode = t.RoleCode,
            EngagementCode = t.EngagementCode,
            Title = $"{org.NameJa} {theme}{Swap(t.Title).Replace(org.NameJa, "", StringComparison.Ordinal).Trim()}",
            Description = Swap(t.Description),
            Duties = [.. t.Duties],
            Rank = t.Rank,
            Positions = t.Positions,
            FirstTermMonths = t.FirstTermMonths,
            StartDate = t.StartDate,
            RenewalRule = t.RenewalRule,
            RenewalMaxCount = t.RenewalMaxCount,
            RenewalMaxTotalMonths = t.RenewalMaxTotalMonths,
            FollowOnTermMonths = t.FollowOnTermMonths,
            TermNotes = t.TermNotes,
            PayAmountYen = amount,
            PayUnit = t.PayUnit,
            PayTaxIncluded = t.PayTaxIncluded,
            AllowancesIncluded = [.. t.AllowancesIncluded],
            CommutingAllowancePaid = t.CommutingAllowancePaid,
            PayNotes = t.PayNotes,
            // Every comparable figure is linear in the posted amount.
            DayRateYen = (long)Math.Round(t.DayRateYen * ratio),
            AnnualEquivalentYen = (long)Math.Round(t.AnnualEquivalentYen * ratio),
            DaysPerWeek = t.DaysPerWeek,
            OnsiteDays = t.OnsiteDays,
            OnsitePeriod = t.OnsitePeriod,
            OnsiteDaysPerMonth = t.OnsiteDaysPerMonth,
            RemoteAllowed = t.RemoteAllowed,
            WorkLocation = t.WorkLocation is null ? null : Swap(t.WorkLocation),
            WorkStyleNotes = t.WorkStyleNotes,
            Skills = [.. t.Skills.Select(s => new OpeningSkill { SkillCode = s.SkillCode, Required = s.Required })],
            PublicSectorExperienceRequired = t.PublicSectorExperienceRequired,
            CertifiedCioOnly = t.CertifiedCioOnly,
            ApplicationDeadline = isClosed ? today.AddDays(-random.Next(1, 365)) : today.AddDays(random.Next(7, 90)),
            SelectionSteps = [.. t.SelectionSteps],
            CreatedAt = publishedAt,
            UpdatedAt = publishedAt,
            PublishedAt = publishedAt,
            ClosedAt = isClosed ? now : null,
            Version = Guid.NewGuid(),
        };
        o.SearchText = OpeningSearchText.Build(o, $"{org.NameJa} {org.NameEn} {org.Prefecture?.NameJa}", taxonomy);
        return o;
    }
}
