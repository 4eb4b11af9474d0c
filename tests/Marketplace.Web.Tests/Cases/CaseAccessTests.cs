using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Cases;

/// <summary>
/// Acceptance 3, route × role: every page of the case library tried by every party. A draft, its private attachment,
/// an advice thread and an expert's unconsented link are seen only by those they concern; office review pages by the
/// office; the expert's consent page by experts.
/// </summary>
public sealed class CaseAccessTests(CaseAccessTests.Fixture f) : IClassFixture<CaseAccessTests.Fixture>
{
    private const string Uchiko = "uchiko@demo.cio-marketplace.jp";

    /// <summary>大洲市 has a draft with a PDF and a published case naming an expert who has not consented; 内子町 asked 大洲市 for advice.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public MarketplaceFactory Factory { get; } = new();
        public int Draft, DraftPdf, Published, PublishedPdf, ExpertProfile, Advice;
        public string ExpertName = "未同意 三郎";

        public async Task InitializeAsync()
        {
            (_, ExpertProfile) = await Factory.CreateExpertAsync(ExpertName);
            Draft = await new CaseBuilder("382078", "大洲市の下書き（非公開）") { Status = CaseStatus.Draft }.SaveAsync(Factory);
            Published = await new CaseBuilder("382078", "大洲市の公開事例")
            {
                People = [new CasePerson { Role = "CIO補佐官", ExpertProfileId = ExpertProfile }],
            }.SaveAsync(Factory);
            (DraftPdf, PublishedPdf, Advice) = await Factory.WithDbAsync(async db =>
            {
                CaseAttachment Pdf(int caseId) => new() { CaseId = caseId, FileName = "資料.pdf", Content = "%PDF-1.4\n%%EOF\n"u8.ToArray(), SizeBytes = 15, UploadedAt = DateTime.UtcNow };
                var a = Pdf(Draft);
                var b = Pdf(Published);
                var uchiko = await db.Organizations.SingleAsync(o => o.Code == "384224");
                var advice = new AdviceRequest { CaseId = Published, RequesterOrganizationId = uchiko.Id, RequesterUserId = "x", Kind = "visit", Question = "視察させてください。", CreatedAt = DateTime.UtcNow };
                db.AddRange(a, b, advice);
                await db.SaveChangesAsync();
                return (a.Id, b.Id, advice.Id);
            });
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private MarketplaceFactory Factory => f.Factory;

    private async Task<HttpClient> ClientAsync(string? email) => email is null ? Factory.NewClient() : await Factory.SignedInAsync(email);

    private static void AssertLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
    }

    public static TheoryData<string?> Everyone() => [null, WebClientExtensions.OzuStaff, Uchiko, WebClientExtensions.MaibaraStaff, WebClientExtensions.Office, WebClientExtensions.Expert, WebClientExtensions.Vendor];

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task PublicPages_AnyoneSeesPublishedCases_NoOneSeesTheDraftOrTheUnconsentedExpert(string? email)
    {
        var client = await ClientAsync(email);
        foreach (var url in new[] { "/cases", $"/cases/{f.Published}", $"/cases/{f.Published}/attachments/{f.PublishedPdf}" })
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        // The public page of a draft does not exist for anyone, its owner included (the owner reads it under /manage).
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{f.Draft}")).StatusCode);
        Assert.DoesNotContain($"data-case-id=\"{f.Draft}\"", await client.GetStringAsync("/cases"));
        var page = await client.GetStringAsync($"/cases/{f.Published}");
        Assert.DoesNotContain(f.ExpertName, page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/experts/{f.ExpertProfile}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task DraftAttachment_OnlyItsGovernmentAndTheOffice(string? email)
    {
        var response = await (await ClientAsync(email)).GetAsync($"/cases/{f.Draft}/attachments/{f.DraftPdf}");
        var allowed = email is WebClientExtensions.OzuStaff or WebClientExtensions.Office;
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task ManagePages_StaffOnly_DraftOnlyItsGovernment(string? email)
    {
        var client = await ClientAsync(email);
        var lists = new[] { "/manage/cases", "/manage/cases/new" };
        var draft = $"/manage/cases/{f.Draft}";
        switch (email)
        {
            case null:
                foreach (var url in lists.Append(draft)) AssertLogin(await client.GetAsync(url));
                break;
            case WebClientExtensions.OzuStaff:
                foreach (var url in lists.Append(draft)) Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
                Assert.Contains(draft, await client.GetStringAsync("/manage/cases"));
                break;
            case Uchiko or WebClientExtensions.MaibaraStaff:
                foreach (var url in lists) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(draft)).StatusCode);
                Assert.DoesNotContain(draft, await client.GetStringAsync("/manage/cases"));
                break;
            default:
                foreach (var url in lists.Append(draft)) WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task OfficePages_OfficeOnly(string? email)
    {
        var client = await ClientAsync(email);
        foreach (var url in new[] { "/admin/cases", "/admin/cases/new", $"/admin/cases/{f.Draft}" })
        {
            var response = await client.GetAsync(url);
            if (email is null) AssertLogin(response);
            else if (email == WebClientExtensions.Office) Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            else WebClientExtensions.AssertAccessDenied(response);
        }
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task AdviceThread_OnlyTheRequesterAndTheCasesGovernment(string? email)
    {
        var client = await ClientAsync(email);
        var url = $"/cases/advice/{f.Advice}";
        var response = await client.GetAsync(url);
        if (email is null)
        {
            AssertLogin(response);
            return;
        }
        var party = email is Uchiko or WebClientExtensions.OzuStaff;
        Assert.Equal(party ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        var list = await client.GetAsync("/cases/advice");
        if (list.StatusCode == HttpStatusCode.OK) Assert.Equal(party, (await list.Content.ReadAsStringAsync()).Contains(url + "\""));
        else Assert.False(party);
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task ConsentPage_ExpertsOnly(string? email)
    {
        var response = await (await ClientAsync(email)).GetAsync("/cases/track-record");
        if (email is null) AssertLogin(response);
        else if (email == WebClientExtensions.Expert) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else WebClientExtensions.AssertAccessDenied(response);
    }
}
