using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Lists;

/// <summary>The office's staff-request queue pages and filters, and approving or rejecting asks first.</summary>
[Collection(WebCollection.Name)]
public partial class StaffRequestListTests(MarketplaceFactory factory)
{
    [GeneratedRegex("data-user-id=\"([^\"]+)\"")]
    private static partial Regex UserIdPattern();

    private static List<string> UserIds(string html) => UserIdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Pending staff requests written directly (the list, not sign-up, is under test).</summary>
    private async Task<List<string>> AddPendingAsync(string tag, int count, bool confirmed, DateTime? createdAt = null) =>
        await factory.WithDbAsync(async db =>
        {
            var ozu = await db.Organizations.SingleAsync(o => o.Code == "382078");
            var users = Enumerable.Range(0, count).Select(i =>
            {
                var email = $"{tag}-{i}@city.example.jp";
                return new AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = confirmed, DisplayName = $"{tag} 職員{i}", OrganizationId = ozu.Id, Status = AccountStatus.PendingApproval,
                    CreatedAt = (createdAt ?? DateTime.UtcNow).AddSeconds(i), SecurityStamp = Guid.NewGuid().ToString(),
                };
            }).ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
            return users.Select(u => u.Id).ToList();
        });

    private static string Tag() => "sr" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A name as typed with an IME: a full-width space, or none (helper review, stop 32: no hits).</summary>
    [Fact]
    public async Task Search_NameWithAFullWidthSpaceOrNone_FindsTheRequest()
    {
        var tag = Tag();
        var ids = await AddPendingAsync(tag, 1, confirmed: true);
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        foreach (var q in new[] { $"{tag}　職員0", $"{tag}職員0" })
        {
            Assert.Contains(ids[0], UserIds(await office.GetStringAsync("/admin/staff-requests?q=" + Uri.EscapeDataString(q))));
        }
    }

    [Fact]
    public async Task List_ManyRequests_PagedWithFilterKeptInPageLinks()
    {
        var tag = Tag();
        var ids = await AddPendingAsync(tag, 25, confirmed: true);
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var first = await office.GetStringAsync($"/admin/staff-requests?q={tag}");
        Assert.Equal(ids.Take(20), UserIds(first));
        Assert.Contains($"href=\"/admin/staff-requests?q={tag}&amp;page=2\"", first);

        var second = await office.GetStringAsync($"/admin/staff-requests?q={tag}&page=2");
        Assert.Equal(ids.Skip(20), UserIds(second));
    }

    [Fact]
    public async Task List_EmailAndDateFilters_ShowOnlyMatching()
    {
        var tag = Tag();
        var confirmed = await AddPendingAsync(tag + "c", 2, confirmed: true);
        var unconfirmed = await AddPendingAsync(tag + "u", 2, confirmed: false);
        var old = await AddPendingAsync(tag + "o", 1, confirmed: true, createdAt: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var onlyUnconfirmed = UserIds(await office.GetStringAsync($"/admin/staff-requests?q={tag}&email=unconfirmed"));
        Assert.Equal(unconfirmed, onlyUnconfirmed);
        var onlyConfirmed = UserIds(await office.GetStringAsync($"/admin/staff-requests?q={tag}&email=confirmed"));
        Assert.Equal(old.Concat(confirmed).Order(), onlyConfirmed.Order());
        var recent = UserIds(await office.GetStringAsync($"/admin/staff-requests?q={tag}&from=2021-01-01"));
        Assert.DoesNotContain(old[0], recent);
        Assert.Equal(4, recent.Count);
    }

    [Fact]
    public async Task Approve_WithoutConfirmation_ShowsConfirmPageAndChangesNothing()
    {
        var id = (await AddPendingAsync(Tag(), 1, confirmed: true))[0];
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var response = await office.PostFormAsync($"/admin/staff-requests?handler=Approve&id={id}", [], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-form\"", html);
        Assert.Contains("取り消せません", html);
        Assert.Equal(AccountStatus.PendingApproval, await StatusAsync(id));

        var confirmed = await office.PostFormAsync($"/admin/staff-requests?handler=Approve&id={id}", [new("confirm", "true")], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(AccountStatus.Active, await StatusAsync(id));
    }

    [Fact]
    public async Task Approve_UnconfirmedEmail_RefusedEvenWhenConfirmed()
    {
        var id = (await AddPendingAsync(Tag(), 1, confirmed: false))[0];
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var response = await office.PostFormAsync($"/admin/staff-requests?handler=Approve&id={id}", [new("confirm", "true")], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("メールアドレスをまだ確認していないため承認できません", await response.Content.ReadAsStringAsync());
        Assert.Equal(AccountStatus.PendingApproval, await StatusAsync(id));
    }

    [Fact]
    public async Task Reject_WithoutReason_RefusedWithMessage_WithReason_Rejected()
    {
        var id = (await AddPendingAsync(Tag(), 1, confirmed: true))[0];
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var unconfirmed = await office.PostFormAsync($"/admin/staff-requests?handler=Reject&id={id}", [new("reason", "理由")], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal(AccountStatus.PendingApproval, await StatusAsync(id));

        var noReason = await office.PostFormAsync($"/admin/staff-requests?handler=Reject&id={id}", [new("confirm", "true"), new("reason", "  ")], "/admin/staff-requests");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("却下の理由を入力してください。", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(AccountStatus.PendingApproval, await StatusAsync(id));

        var rejected = await office.PostFormAsync($"/admin/staff-requests?handler=Reject&id={id}", [new("confirm", "true"), new("reason", "所属の確認が取れませんでした")], "/admin/staff-requests");
        Assert.True(rejected.StatusCode == HttpStatusCode.Redirect, await rejected.Content.ReadAsStringAsync());
        Assert.Equal(AccountStatus.Rejected, await StatusAsync(id));
        var email = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
        Assert.Contains("所属の確認が取れませんでした", (await factory.LatestMailToAsync(email))!.TextBody);
    }

    private Task<AccountStatus> StatusAsync(string id) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Status).SingleAsync());
}
