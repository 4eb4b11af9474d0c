using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Lists;

/// <summary>The expert's applications, the government's vendor contracts and the public dispatch results page and filter by query string.</summary>
[Collection(WebCollection.Name)]
public partial class ListFilterTests(MarketplaceFactory factory)
{
    [GeneratedRegex("data-application-id=\"(\\d+)\"")]
    private static partial Regex ApplicationIdPattern();

    [GeneratedRegex("data-contract-id=\"(\\d+)\"")]
    private static partial Regex ContractIdPattern();

    private static List<int> Ids(Regex pattern, string html) => pattern.Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    /// <summary>A new expert with <paramref name="count"/> applications, the i-th updated i minutes ago, alternating stages.</summary>
    private async Task<(HttpClient Client, List<int> NewestFirst)> ExpertWithApplicationsAsync(int count)
    {
        var (email, profileId) = await factory.CreateExpertAsync("一覧 確認");
        var ids = await factory.WithDbAsync(async db =>
        {
            var openings = await db.Openings.Where(o => o.Status == OpeningStatus.Published).OrderBy(o => o.Id).Take(count).ToListAsync();
            Assert.True(openings.Count == count, $"needs {count} published openings, has {openings.Count}");
            var now = DateTime.UtcNow;
            var apps = openings.Select((o, i) => new Application
            {
                OpeningId = o.Id, ExpertProfileId = profileId, Stage = i % 2 == 0 ? Stages.Applied : Stages.Interviewed, Motivation = "x",
                CreatedAt = i == 0 ? new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) : now.AddMinutes(-i), UpdatedAt = now.AddMinutes(-i),
            }).ToList();
            db.Applications.AddRange(apps);
            await db.SaveChangesAsync();
            return apps.Select(a => a.Id).ToList();
        });
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email)).StatusCode);
        return (client, ids);
    }

    [Fact]
    public async Task Applications_MoreThanAPage_PagedNewestFirst()
    {
        var (client, ids) = await ExpertWithApplicationsAsync(23);
        var first = await client.GetStringAsync("/applications");
        Assert.Equal(ids.Take(20), Ids(ApplicationIdPattern(), first));
        Assert.Contains("href=\"/applications?page=2\"", first);
        Assert.Equal(ids.Skip(20), Ids(ApplicationIdPattern(), await client.GetStringAsync("/applications?page=2")));
    }

    [Fact]
    public async Task Applications_StageKeywordAndDateFilters_ShowOnlyMatching()
    {
        var (client, ids) = await ExpertWithApplicationsAsync(4);
        Assert.Equal([ids[1], ids[3]], Ids(ApplicationIdPattern(), await client.GetStringAsync("/applications?stage=interviewed")));
        Assert.DoesNotContain(ids[0], Ids(ApplicationIdPattern(), await client.GetStringAsync("/applications?from=2021-01-01")));
        Assert.Equal(3, Ids(ApplicationIdPattern(), await client.GetStringAsync("/applications?from=2021-01-01")).Count);

        var title = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == ids[2]).Select(a => a.Opening!.Title).SingleAsync());
        var byKeyword = Ids(ApplicationIdPattern(), await client.GetStringAsync("/applications?q=" + Uri.EscapeDataString(title)));
        Assert.Contains(ids[2], byKeyword);
        Assert.True(byKeyword.Count < ids.Count || ids.All(byKeyword.Contains));
        // The page link keeps the filter, so a bookmark of page 2 is the same list.
        var filtered = await client.GetStringAsync("/applications?stage=interviewed");
        Assert.Contains("<option value=\"interviewed\" selected=\"selected\">", filtered);
    }

    [Fact]
    public async Task VendorContracts_PagedAndFilteredByNameAndRelation_OwnGovernmentOnly()
    {
        var tag = "vc" + Guid.NewGuid().ToString("N")[..6];
        var ids = await factory.WithDbAsync(async db =>
        {
            var osaka = await db.Organizations.SingleAsync(o => o.Code == "270008");
            var rows = Enumerable.Range(0, 22).Select(i => new VendorContract
            {
                OrganizationId = osaka.Id, VendorName = $"{tag}{i:00} 株式会社", CorporateNumber = "1234567890123",
                Relation = i % 2 == 0 ? VendorRelation.HoldsContract : VendorRelation.Bidding, CreatedAt = DateTime.UtcNow,
            }).ToList();
            db.VendorContracts.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
        var osakaStaff = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var first = await osakaStaff.GetStringAsync($"/manage/vendor-contracts?q={tag}");
        Assert.Equal(ids.Take(20), Ids(ContractIdPattern(), first));
        Assert.Contains($"href=\"/manage/vendor-contracts?q={tag}&amp;page=2\"", first);
        Assert.Equal(ids.Skip(20), Ids(ContractIdPattern(), await osakaStaff.GetStringAsync($"/manage/vendor-contracts?q={tag}&page=2")));
        var bidding = Ids(ContractIdPattern(), await osakaStaff.GetStringAsync($"/manage/vendor-contracts?q={tag}&relation=Bidding"));
        Assert.Equal(ids.Where((_, i) => i % 2 == 1), bidding);

        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Empty(Ids(ContractIdPattern(), await ozu.GetStringAsync($"/manage/vendor-contracts?q={tag}")));
    }

    [Fact]
    public async Task Recommendations_FilterByRole_OnlyThatRoleAndPaged()
    {
        var expert = await factory.SignedInAsync(WebClientExtensions.Expert);
        var all = await expert.GetStringAsync("/recommendations");
        var allIds = WebClientExtensions.OpeningIds(all);
        Assert.InRange(allIds.Count, 1, 10);
        var role = await factory.WithDbAsync(db => db.Openings.Where(o => o.Id == allIds[0]).Select(o => o.RoleCode).SingleAsync());
        var filtered = WebClientExtensions.OpeningIds(await expert.GetStringAsync($"/recommendations?role={role}"));
        Assert.Contains(allIds[0], filtered);
        var roles = await factory.WithDbAsync(db => db.Openings.Where(o => filtered.Contains(o.Id)).Select(o => o.RoleCode).Distinct().ToListAsync());
        Assert.Equal([role], roles);
        if (all.Contains("rel=\"next\""))
        {
            var second = WebClientExtensions.OpeningIds(await expert.GetStringAsync("/recommendations?page=2"));
            Assert.Empty(second.Intersect(allIds));
        }
    }

    [Fact]
    public async Task DispatchResults_FiltersAreInTheQueryString_AndUnknownRoundShowsNothing()
    {
        var anonymous = factory.NewClient();
        var html = await anonymous.GetStringAsync("/dispatch-results?round=999999&prefecture=38&role=cio_advisor&q=x");
        Assert.Contains("id=\"no-results\"", html);
        Assert.Contains("name=\"q\" value=\"x\"", html);
        Assert.Contains("<option value=\"38\" selected=\"selected\">", html);
    }
}
