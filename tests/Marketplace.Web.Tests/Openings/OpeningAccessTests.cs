using System.Net;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Openings;

/// <summary>
/// A staff member of one government must not see drafts of, edit, publish, close or cancel another
/// government's openings — neither through the pages nor by crafted requests.
/// </summary>
[Collection(WebCollection.Name)]
public class OpeningAccessTests(MarketplaceFactory factory)
{
    private async Task<(int Draft, int Published)> OsakaOpeningsAsync()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var draft = await CreateDraftAsync(osaka, "大阪府の非公開下書き");
        var published = await CreateDraftAsync(osaka, "大阪府の公開募集");
        var response = await osaka.PostFormAsync($"/manage/openings/{published}?handler=Publish", [new("token", await factory.TokenOfAsync(published))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (draft, published);
    }

    internal static async Task<int> CreateDraftAsync(HttpClient staff, string title)
    {
        var response = await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().With("Title", title).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private Task<Opening> LoadAsync(int id) =>
        factory.WithDbAsync(db => db.Openings.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task ManagePages_OtherGovernmentsOpening_NotFound()
    {
        var (draft, published) = await OsakaOpeningsAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        foreach (var id in new[] { draft, published })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ozu.GetAsync($"/manage/openings/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await ozu.GetAsync($"/manage/openings/{id}/edit")).StatusCode);
        }
        var list = await ozu.GetStringAsync("/manage/openings");
        Assert.DoesNotContain(draft, WebClientExtensions.OpeningIds(list));
        Assert.DoesNotContain("大阪府の非公開下書き", list);
    }

    [Fact]
    public async Task PublicPages_Draft_NotFoundForEveryone()
    {
        var (draft, _) = await OsakaOpeningsAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        foreach (var client in new[] { factory.NewClient(), ozu, await factory.SignedInAsync(WebClientExtensions.Expert) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/openings/{draft}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/openings/{draft}")).StatusCode);
        }
        var search = await factory.NewClient().GetStringAsync("/openings?q=" + Uri.EscapeDataString("大阪府の非公開下書き"));
        Assert.Empty(WebClientExtensions.OpeningIds(search));
    }

    [Fact]
    public async Task CraftedEdit_OtherGovernment_NotFoundAndUnchanged()
    {
        var (draft, published) = await OsakaOpeningsAsync();
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        foreach (var id in new[] { draft, published })
        {
            var before = await LoadAsync(id);
            var token = await factory.TokenOfAsync(id);
            var form = new OpeningFormBuilder().With("Title", "乗っ取り").With("ConcurrencyToken", token).Build();
            var response = await ozu.PostFormAsync($"/manage/openings/{id}/edit", form, "/manage/openings/new");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var after = await LoadAsync(id);
            Assert.Equal(before.Title, after.Title);
            Assert.Equal(before.UpdatedAt, after.UpdatedAt);
            Assert.Equal(token, await factory.TokenOfAsync(id));
        }
    }

    [Theory]
    [InlineData("Publish", true)]
    [InlineData("Close", false)]
    [InlineData("Cancel", true)]
    [InlineData("Cancel", false)]
    public async Task CraftedStatusChange_OtherGovernment_NotFoundAndUnchanged(string handler, bool onDraft)
    {
        var (draft, published) = await OsakaOpeningsAsync();
        var id = onDraft ? draft : published;
        var before = await LoadAsync(id);
        var ozu = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var response = await ozu.PostFormAsync($"/manage/openings/{id}?handler={handler}", [new("token", await factory.TokenOfAsync(id))], "/manage/openings/new");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before.Status, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task OwnGovernment_FullLifecycle_Works()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var id = await CreateDraftAsync(osaka, "ライフサイクル確認");
        Assert.Equal(OpeningStatus.Draft, (await LoadAsync(id)).Status);

        var edit = new OpeningFormBuilder().With("Title", "ライフサイクル確認（改）").With("ConcurrencyToken", await factory.TokenOfAsync(id)).Build();
        Assert.Equal(HttpStatusCode.Redirect, (await osaka.PostFormAsync($"/manage/openings/{id}/edit", edit, "/manage/openings/new")).StatusCode);
        Assert.Equal("ライフサイクル確認（改）", (await LoadAsync(id)).Title);

        foreach (var (handler, status) in new[] { ("Publish", OpeningStatus.Published), ("Close", OpeningStatus.Closed) })
        {
            var response = await osaka.PostFormAsync($"/manage/openings/{id}?handler={handler}", [new("token", await factory.TokenOfAsync(id)), new("confirm", "true")], "/manage/openings/new");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(status, (await LoadAsync(id)).Status);
        }
        var closedEdit = new OpeningFormBuilder().With("ConcurrencyToken", await factory.TokenOfAsync(id)).Build();
        var refused = await osaka.PostFormAsync($"/manage/openings/{id}/edit", closedEdit, "/manage/openings/new");
        Assert.Contains("締め切った、または取り消した募集は編集できません", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Edit_StaleVersion_RefusedWithMessage()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var id = await CreateDraftAsync(osaka, "同時編集の確認");
        var loaded = await factory.TokenOfAsync(id);
        var first = new OpeningFormBuilder().With("Title", "先に保存").With("ConcurrencyToken", loaded).Build();
        Assert.Equal(HttpStatusCode.Redirect, (await osaka.PostFormAsync($"/manage/openings/{id}/edit", first, "/manage/openings/new")).StatusCode);

        var second = new OpeningFormBuilder().With("Title", "後から保存").With("ConcurrencyToken", loaded).Build();
        var response = await osaka.PostFormAsync($"/manage/openings/{id}/edit", second, "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("ほかの人がこの内容を先に変更したため", await response.Content.ReadAsStringAsync());
        Assert.Equal("先に保存", (await LoadAsync(id)).Title);
    }

    [Fact]
    public async Task ManagePages_NonStaff_Refused()
    {
        var anonymous = factory.NewClient();
        var login = await anonymous.GetAsync("/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/login", login.Headers.Location!.PathAndQuery);

        foreach (var email in new[] { WebClientExtensions.Expert, WebClientExtensions.Vendor, WebClientExtensions.Office })
        {
            var client = await factory.SignedInAsync(email);
            var response = await client.GetAsync("/manage/openings");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_BadRequestAndNothingSaved()
    {
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var count = await factory.WithDbAsync(db => db.Openings.CountAsync());
        var response = await osaka.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Openings.CountAsync()));
    }
}
