using System.Globalization;
using System.Net;
using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;
using Marketplace.Web.Tests.PastResults;
using Marketplace.Web.Tests.Calls;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;

namespace Marketplace.Web.Tests.OpenData;

/// <summary>
/// OCDS 1.1 release packages of calls validate against the OCDS 1.1.5 release-package schema shipped in
/// OpenData/ocds-schema: a live call corrected once and awarded, a past call recorded after the fact, and the bulk pages.
/// These move the clock past a deadline, so they share the proposals app.
/// </summary>
[Collection(ProposalCollection.Name)]
public class OcdsTests(MarketplaceFactory factory)
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(async () =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "OpenData", "ocds-schema");
        // The package schema names the release schema by its canonical URL; point it at the local copy (no network).
        var package = (await File.ReadAllTextAsync(Path.Combine(folder, "release-package-schema.json")))
            .Replace("https://standard.open-contracting.org/schema/1__1__5/release-schema.json", "release-schema.json");
        return await JsonSchema.FromJsonAsync(package, Path.Combine(folder, "release-package-schema.json"));
    });

    private static async Task<JsonElement> ValidAsync(string json)
    {
        var errors = (await Schema.Value).Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        return JsonDocument.Parse(json).RootElement;
    }

    [Fact]
    public async Task LiveCall_CorrectedAndAwarded_IsAValidReleaseWithAmendmentAndAward()
    {
        var staff = await factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var vendor = await factory.SignedInAsync(WebClientExtensions.Vendor);
        var callId = await factory.CreateCallAsync(staff, factory.CallForm("OCDS確認用の支援業務"));
        string Token() => factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == callId))).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/edit",
            [.. factory.CallForm("OCDS確認用の支援業務", ceiling: "35,000,000"), new("Input.CorrectionReason", "予算額の訂正"), new("Input.ConcurrencyToken", Token())], "/manage/calls")).StatusCode);

        // Open for proposals: a tender with its amendment, no award, proposals not counted.
        var open = await ValidAsync(await factory.NewClient().GetStringAsync($"/api/ocds/calls/{callId}"));
        var tender = open.GetProperty("releases")[0].GetProperty("tender");
        Assert.Equal("active", tender.GetProperty("status").GetString());
        Assert.Equal(35_000_000, tender.GetProperty("value").GetProperty("amount").GetInt64());
        Assert.Equal("予算額の訂正", tender.GetProperty("amendments")[0].GetProperty("rationale").GetString());
        Assert.Contains("35,000,000", tender.GetProperty("amendments")[0].GetProperty("description").GetString());
        Assert.Equal(["CIO補佐官", "実務管理者", "担当者"], tender.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("description").GetString()));
        Assert.False(tender.TryGetProperty("numberOfTenderers", out _));

        Assert.Equal(HttpStatusCode.Redirect, (await vendor.SubmitProposalAsync(callId, "30,000,000", "excluded", await factory.DistinctStaffingAsync(callId, WebClientExtensions.Vendor))).StatusCode);
        var proposal = await factory.ScoreSoleProposalAsync(staff, callId);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Award",
            [new("proposalId", proposal.ToString(CultureInfo.InvariantCulture)), new("amount", "29,800,000"), new("token", Token())], "/manage/calls")).StatusCode);

        var awarded = await ValidAsync(await factory.NewClient().GetStringAsync($"/api/ocds/calls/{callId}"));
        var release = awarded.GetProperty("releases")[0];
        Assert.Equal(["tender", "tenderAmendment", "award"], release.GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(1, release.GetProperty("tender").GetProperty("numberOfTenderers").GetInt32());
        var award = release.GetProperty("awards")[0];
        Assert.Equal(29_800_000, award.GetProperty("value").GetProperty("amount").GetInt64());
        var vendorName = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.Vendor).Select(u => u.VendorCompany!.Name).SingleAsync());
        var supplierId = award.GetProperty("suppliers")[0].GetProperty("id").GetString();
        Assert.Equal(vendorName, award.GetProperty("suppliers")[0].GetProperty("name").GetString());
        Assert.Contains(release.GetProperty("parties").EnumerateArray(), p => p.GetProperty("id").GetString() == supplierId
            && p.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "supplier"));
        Assert.False(release.TryGetProperty("recordedAfterTheFact", out _));
    }

    [Fact]
    public async Task PastCallRecordedAfterTheFact_IsAValidReleaseWithItsAward_AndBulkPagesValidate()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var uchikoCode = await factory.WithDbAsync(db => db.Organizations.Where(o => o.NameJa == "内子町").Select(o => o.Code).SingleAsync());
        var form = PastResultTests.PastCallForm("OCDS事後登録確認用業務", "株式会社事後登録", "", uchikoCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("/past-results/calls/new", [.. form, new("step", "save")], "/past-results/calls/new")).StatusCode);
        var callId = await factory.WithDbAsync(db => db.ProposalCalls.Where(c => c.Title == "OCDS事後登録確認用業務").Select(c => c.Id).SingleAsync());

        var json = await factory.NewClient().GetStringAsync($"/api/ocds/calls/{callId}");
        var package = await ValidAsync(json);
        var release = package.GetProperty("releases")[0];
        // The schema does catch a wrong release: a tag outside the closed codelist.
        Assert.NotEmpty((await Schema.Value).Validate(json.Replace("\"tag\":[\"tender\"", "\"tag\":[\"bogus\"")));
        Assert.True(release.GetProperty("recordedAfterTheFact").GetBoolean());
        Assert.Equal("complete", release.GetProperty("tender").GetProperty("status").GetString());
        Assert.Equal("2023-01-09T15:00:00Z", release.GetProperty("tender").GetProperty("tenderPeriod").GetProperty("startDate").GetString());
        Assert.Equal(3, release.GetProperty("tender").GetProperty("numberOfTenderers").GetInt32());
        var award = release.GetProperty("awards")[0];
        Assert.Equal(31_900_000, award.GetProperty("value").GetProperty("amount").GetInt64());
        Assert.Equal("2023-02-28T15:00:00Z", award.GetProperty("date").GetString());
        Assert.Equal("株式会社事後登録", award.GetProperty("suppliers")[0].GetProperty("name").GetString());
        Assert.Contains("事後登録", award.GetProperty("description").GetString());

        // Bulk: every page validates, and together they hold every public call once.
        var ocids = new List<string>();
        string? next = "/api/ocds/releases";
        while (next is not null)
        {
            var page = await ValidAsync(await factory.NewClient().GetStringAsync(next));
            ocids.AddRange(page.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("ocid").GetString()!));
            next = page.TryGetProperty("links", out var links) ? new Uri(links.GetProperty("next").GetString()!).PathAndQuery : null;
        }
        Assert.Equal(ocids.Count, ocids.Distinct().Count());
        var expected = await factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.PublishedAt != null && c.Status != Marketplace.Data.Entities.CallStatus.Draft));
        Assert.Equal(expected, ocids.Count);
        Assert.Contains(release.GetProperty("ocid").GetString(), ocids);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewClient().GetAsync("/api/ocds/calls/999999")).StatusCode);
    }
}
