using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Security;

/// <summary>Quotas per account per Japan day: drafts (openings and calls together) and questions to calls.</summary>
public sealed class QuotaTests(QuotaTests.Factory factory) : IClassFixture<QuotaTests.Factory>
{
    public sealed class Factory : MarketplaceFactory
    {
        public Factory()
        {
            Settings["Quotas:DraftsPerDay"] = "2";
            Settings["Quotas:QuestionsPerDay"] = "1";
            Settings["Quotas:ImportRowsPerDay"] = "3";
        }
    }

    private readonly MarketplaceFactory _factory = factory;

    /// <summary>The demo data was created today by the demo accounts: each test starts on a later day.</summary>
    private void NextDay()
    {
        _ = _factory.Services;
        _factory.Clock.Advance(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task Drafts_BeyondTheDailyQuota_AreRefusedWithTheLimitAndTheResetTime_AndAllowedAgainNextDay()
    {
        NextDay();
        var staff = await _factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        async Task<int> Drafts() => await _factory.WithDbAsync(db => db.Openings.CountAsync()) + await _factory.WithDbAsync(db => db.ProposalCalls.CountAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), "/manage/openings")).StatusCode);
        await _factory.CreateCallAsync(staff, _factory.CallForm("クォータ確認用の公募"), publish: false);
        var before = await Drafts();

        var refused = await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), "/manage/openings");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("1日2件まで", html);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} 00:00（日本時間）から", html);
        Assert.Equal(before, await Drafts());
        var refusedCall = await staff.PostFormAsync("/manage/calls/new", _factory.CallForm("もう一つの公募"), "/manage/calls");
        Assert.Contains("1日2件まで", WebUtility.HtmlDecode(await refusedCall.Content.ReadAsStringAsync()));

        // English speakers read the same rule in English; another account has its own quota.
        MarketplaceFactory.CookiesOf(staff).Add(_factory.Server.BaseAddress, new Cookie(".AspNetCore.Culture", "c%3Den%7Cuic%3Den"));
        var english = WebUtility.HtmlDecode(await (await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), "/manage/openings")).Content.ReadAsStringAsync());
        Assert.Contains("limited to 2 per account per day", english);
        Assert.Contains("(Japan time)", english);
        var ozu = await _factory.SignedInAsync(WebClientExtensions.OzuStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await ozu.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), "/manage/openings")).StatusCode);

        // The quota resets at midnight, Japan time.
        NextDay();
        staff = await _factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().Build(), "/manage/openings")).StatusCode);
    }

    [Fact]
    public async Task Questions_BeyondTheDailyQuota_AreRefused()
    {
        NextDay();
        var staff = await _factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var callId = await _factory.CreateCallAsync(staff, _factory.CallForm("質問の上限確認用の公募"));
        var vendor = await _factory.SignedInAsync(WebClientExtensions.Vendor);
        Assert.Equal(HttpStatusCode.Redirect, (await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "一つ目の質問です。")], "/vendor")).StatusCode);

        var refused = await vendor.PostFormAsync($"/vendor/calls/{callId}/questions", [new("body", "二つ目の質問です。")], "/vendor");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("質問は1アカウントにつき1日1件までです", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.CallQuestions.CountAsync(q => q.CallId == callId)));
    }

    /// <summary>An import counts its rows against the day's allowance and is refused whole beyond it; a preview confirms for an hour only.</summary>
    [Fact]
    public async Task Import_BeyondTheDailyRows_IsRefusedWhole_AndAPreviewExpiresAfterAnHour()
    {
        NextDay();
        var staff = await _factory.SignedInAsync(WebClientExtensions.MaibaraStaff);
        var tag = Guid.NewGuid().ToString("N")[..6];
        byte[] File(params int[] rows) => System.Text.Encoding.UTF8.GetBytes(
            "Title,PublishedOn,SubmissionDeadline,AwardedOn,ContractStart,ContractEnd,Ceiling,TaxBasis,ContractAmount,WinnerName\r\n"
            + string.Concat(rows.Select(i => $"上限確認{tag}-{i},2024-01-10,2024-02-10,2024-03-01,2024-04-01,2025-03-31,500万円,excluded,450万円,株式会社上限\r\n")));
        Task<int> Saved() => _factory.WithDbAsync(db => db.ProposalCalls.CountAsync(c => c.Title.StartsWith($"上限確認{tag}")));

        var preview = await Import.ImportTests.UploadAsync(staff, Marketplace.Web.Features.Import.ImportKind.PastCalls, "quota.csv", File(1, 2));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var token = Import.ImportTests.TokenOf(await preview.Content.ReadAsStringAsync());
        _factory.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.BadRequest, (await Import.ImportTests.ConfirmAsync(staff, token)).StatusCode);
        Assert.Equal(0, await Saved());

        preview = await Import.ImportTests.UploadAsync(staff, Marketplace.Web.Features.Import.ImportKind.PastCalls, "quota.csv", File(1, 2));
        Assert.Equal(HttpStatusCode.OK, (await Import.ImportTests.ConfirmAsync(staff, Import.ImportTests.TokenOf(await preview.Content.ReadAsStringAsync()))).StatusCode);
        Assert.Equal(2, await Saved());

        var refused = await Import.ImportTests.UploadAsync(staff, Marketplace.Web.Features.Import.ImportKind.PastCalls, "quota2.csv", File(3, 4));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("取り込みを含めて3件までです（本日2件、このファイル2件）", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(2, await Saved());
    }
}
