using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching;
using Marketplace.Matching.Features;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Matching;

/// <summary>
/// The long-lived expert index: kept current from the change sequence on every instance, it must equal an index
/// rebuilt from scratch after any sequence of profile saves, hides, deletions, certifications and conflict records.
/// </summary>
[Trait("Category", "Slow")]
public partial class ExpertIndexTests
{
    [Fact]
    public Task RandomChanges_DefaultProvider_TwoInstancesEqualRebuild() => RandomChangesAsync(TestDatabases.DefaultProvider);

    [PostgresFact]
    public Task RandomChanges_Postgres_TwoInstancesEqualRebuild() => RandomChangesAsync(DatabaseProvider.Postgres);

    private static async Task RandomChangesAsync(DatabaseProvider provider)
    {
        using var first = MarketplaceFactory.Create(provider);
        // A long poll interval: the instances must learn of changes when they catch up, not from luck with the timer.
        first.ExtraServices.Add(s => s.Configure<ExpertIndexOptions>(o => o.PollInterval = TimeSpan.FromHours(1)));
        await first.NewClient().GetAsync("/health");
        using var second = first.SecondInstance();
        second.ExtraServices.Add(s => s.Configure<ExpertIndexOptions>(o => o.PollInterval = TimeSpan.FromHours(1)));
        await second.NewClient().GetAsync("/health");
        var hosts = new[] { Host(first), Host(second) };
        foreach (var h in hosts) await StartedAsync(h);
        var before = hosts[0].Current!.Index.Count;

        var random = new Random(20261130);
        var instances = new[] { first, second };
        var log = new List<string>();
        for (var step = 0; step < 40; step++)
        {
            var on = instances[random.Next(2)];
            log.Add(await RandomChangeAsync(on, random));
            // Now and then an instance catches up in the middle of the sequence.
            if (random.Next(4) == 0) await CatchUpAsync(instances[random.Next(2)]);
        }
        foreach (var i in instances) await CatchUpAsync(i);

        var rebuilt = await first.WithDbAsync(async db => await ExpertIndexHost.LoadAllAsync(db));
        Assert.True(rebuilt.Count > 100 && before > 100, "the demo has experts");
        foreach (var h in hosts)
        {
            var snapshot = h.Current!;
            var fresh = ExpertIndex.Build(rebuilt, snapshot.Index.Idf);
            AssertSameIndex(fresh, snapshot.Index, string.Join("\n", log));
            // Rankings over both indexes agree for every published opening.
            var openings = await first.WithDbAsync(db => db.Openings.AsNoTracking().Include(o => o.Organization).Include(o => o.Skills).ToListAsync());
            foreach (var o in openings)
            {
                var record = MatchingRecords.From(o);
                var a = snapshot.Ranker.RankExperts(record, fresh, 20).Select(r => (r.ExpertId, r.Score)).ToList();
                var b = snapshot.Ranker.RankExperts(record, snapshot.Index, 20).Select(r => (r.ExpertId, r.Score)).ToList();
                Assert.Equal(a, b);
            }
        }
    }

    private static ExpertIndexHost Host(MarketplaceFactory f) => f.Services.GetRequiredService<ExpertIndexHost>();

    private static async Task StartedAsync(ExpertIndexHost host)
    {
        await host.StartAsync();
        await host.WaitForRebuildAsync();
        Assert.NotNull(host.Current);
    }

    private static async Task CatchUpAsync(MarketplaceFactory f)
    {
        await using var scope = f.Services.CreateAsyncScope();
        await Host(f).CatchUpAsync(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private static readonly string[] Skills = ["it_strategy", "cybersecurity", "cloud", "data_utilization", "bpr"];

    /// <summary>One random change through the app's DbContext on the given instance; returns what it did.</summary>
    private static async Task<string> RandomChangeAsync(MarketplaceFactory on, Random random)
    {
        var kind = random.Next(7);
        if (kind == 0)
        {
            var (_, id) = await on.CreateExpertAsync("索引 試験", p =>
            {
                p.Visibility = random.Next(2) == 0 ? ProfileVisibility.VisibleToStaff : ProfileVisibility.HiddenUntilApplied;
                p.DesiredDayRateYen = 30_000 + random.Next(40) * 1_000;
                p.Summary = "自治体の情報セキュリティとクラウド移行を支援してきました。" + random.Next(1000);
            });
            return $"created {id}";
        }
        await using var scope = on.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var ids = await db.ExpertProfiles.Where(e => e.UserId != null && e.AnonymizedAt == null).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var targetId = ids[random.Next(ids.Count)];
        var target = await db.ExpertProfiles.Include(e => e.Skills).SingleAsync(e => e.Id == targetId);
        string did;
        switch (kind)
        {
            case 1:
                target.DesiredDayRateYen = 20_000 + random.Next(60) * 1_000;
                target.Summary = "住民サービスのデジタル化を進めてきました。" + random.Next(1000);
                target.AvailableDaysPerWeek = 1 + random.Next(5);
                did = "saved";
                break;
            case 2:
                var skill = Skills[random.Next(Skills.Length)];
                var held = target.Skills.FirstOrDefault(s => s.SkillCode == skill);
                if (held is null) target.Skills.Add(new ExpertSkill { SkillCode = skill, Years = random.Next(1, 20) });
                else if (random.Next(2) == 0) target.Skills.Remove(held);
                else held.Years = random.Next(1, 20);
                did = $"skill {skill}";
                break;
            case 3:
                target.Visibility = target.Visibility == ProfileVisibility.VisibleToStaff ? ProfileVisibility.HiddenUntilApplied : ProfileVisibility.VisibleToStaff;
                did = $"visibility {target.Visibility}";
                break;
            case 4:
                // Account deletion anonymises the profile and detaches the account.
                target.AnonymizedAt = DateTime.UtcNow;
                target.UserId = null;
                target.Summary = "";
                did = "deleted";
                break;
            case 5:
                target.CertifiedCio = !target.CertifiedCio;
                did = $"certified {target.CertifiedCio}";
                break;
            default:
                // A conflict of interest: the expert works for a vendor that holds a contract with a government.
                var number = $"{random.Next(1, 10)}000000000000";
                target.VendorCorporateNumber = number;
                target.VendorAffiliationName = "試験ベンダー株式会社";
                var org = await db.Organizations.OrderBy(o => o.Id).Skip(random.Next(3)).FirstAsync();
                db.VendorContracts.Add(new VendorContract
                {
                    OrganizationId = org.Id, VendorName = "試験ベンダー株式会社", CorporateNumber = number,
                    Relation = VendorRelation.HoldsContract, Description = "基幹系システム保守", CreatedAt = DateTime.UtcNow,
                });
                did = $"conflict {org.Code}";
                break;
        }
        await db.SaveChangesAsync();
        return $"{did} {target.Id}";
    }

    private static void AssertSameIndex(ExpertIndex expected, ExpertIndex actual, string log)
    {
        Assert.True(expected.Count == actual.Count, $"count {expected.Count} vs {actual.Count} after:\n{log}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Canonical(expected.Experts[i]), Canonical(actual.Experts[i]));
            Assert.Equal(expected.IsHidden(i), actual.IsHidden(i));
            var (ei, ew) = expected.TextVector(i);
            var (ai, aw) = actual.TextVector(i);
            Assert.Equal(ei, ai);
            Assert.Equal(ew, aw);
        }
    }

    private static string Canonical(ExpertRecord r) => JsonSerializer.Serialize(r with
    {
        Skills = new SortedDictionary<string, int>(r.Skills.ToDictionary(), StringComparer.Ordinal),
        ConflictOrgCodes = r.ConflictOrgCodes.Order(StringComparer.Ordinal).ToList(),
    });

    [GeneratedRegex("data-expert-id=\"(\\d+)\"")]
    private static partial Regex ExpertIdPattern();

    /// <summary>Hiding the top recommended expert on one instance takes them off the other instance's page at once.</summary>
    [Fact]
    public async Task HiddenOnOtherInstance_LeavesThisInstancesPage()
    {
        using var first = new MarketplaceFactory();
        first.ExtraServices.Add(s => s.Configure<ExpertIndexOptions>(o => o.PollInterval = TimeSpan.FromHours(1)));
        // The order of the others is compared exactly: re-ranking for spread (which standardises over the pool) is off.
        first.ExtraServices.Add(s => s.Configure<MatchingSpreadSettings>(o => o.Strength = 0));
        var ozu = await first.SignedInAsync(WebClientExtensions.OzuStaff);
        var opening = await first.WithDbAsync(db => db.Openings.Where(o => o.Title == "CDO補佐官（デジタル変革推進）").Select(o => o.Id).SingleAsync());
        var url = $"/manage/openings/{opening}/recommendations";
        var before = ExpertIdPattern().Matches(await ozu.GetStringAsync(url)).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(MatchingService.DefaultTop, before.Count);
        var applied = await first.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == opening).Select(a => a.ExpertProfileId).ToListAsync());
        var top = before.First(id => !applied.Contains(id));

        using var second = first.SecondInstance();
        await second.WithDbAsync(async db =>
        {
            var p = await db.ExpertProfiles.SingleAsync(e => e.Id == top);
            p.Visibility = ProfileVisibility.HiddenUntilApplied;
            return await db.SaveChangesAsync();
        });

        var after = ExpertIdPattern().Matches(await ozu.GetStringAsync(url)).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.DoesNotContain(top, after);
        Assert.Equal(MatchingService.DefaultTop, after.Count);
        Assert.Equal(before.Where(id => id != top), after.Take(MatchingService.DefaultTop - 1));
    }

    /// <summary>A second ranker becoming current is rebuilt in the background; the page says the index lags meanwhile.</summary>
    [Fact]
    public async Task ModelPromoted_IndexRebuiltWithItsRanker()
    {
        using var app = new MarketplaceFactory();
        await app.NewClient().GetAsync("/health");
        var host = Host(app);
        await StartedAsync(host);
        Assert.Null(host.Current!.Model);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var training = scope.ServiceProvider.GetRequiredService<MatchingTraining>();
            var run = await training.QueueAsync(null);
            await training.RunAsync(run.Id);
        }
        await CatchUpAsync(app);
        await host.WaitForRebuildAsync();
        var current = await app.WithDbAsync(db => db.RankerModels.Where(m => m.IsCurrent).Select(m => m.Id).SingleAsync());
        Assert.Equal(current, host.Current!.Model?.Id);
    }
}
