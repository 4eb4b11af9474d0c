using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Experts;

/// <summary>Fresh expert accounts for tests that change a profile (the demo expert is only read).</summary>
internal static class TestExpertAccounts
{
    public const string Password = "expert-test-2026";

    public static async Task<(string UserId, string Email)> NewExpertAccountAsync(this MarketplaceFactory factory, string? displayName = null, string? email = null, string password = Password)
    {
        email ??= $"expert-{Guid.NewGuid():N}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName ?? "テスト専門人材",
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Expert)).Succeeded);
        return (user.Id, email);
    }

    public static async Task<HttpClient> SignedInAsAsync(this MarketplaceFactory factory, string email, string password = Password)
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static Task<ExpertProfile?> ProfileOfAsync(this MarketplaceFactory factory, string userId) =>
        factory.WithDbAsync(db => db.ExpertProfiles.AsNoTracking().Include(p => p.Career).Include(p => p.Skills)
            .FirstOrDefaultAsync(p => p.UserId == userId));
}

/// <summary>The fields of the profile form, as a browser posts them; starts as a complete, valid profile.</summary>
internal sealed class ProfileForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public static ProfileForm Valid(string fullName) => new ProfileForm()
        .With("FullName", fullName)
        .With("Phone", "03-1234-5678")
        .With("HomePrefectureCode", "38")
        .With("YearsExperience", "20")
        .With("PublicSectorYears", "5")
        .With("AvailableDaysPerWeek", "2")
        .With("MaxOnsiteDaysPerMonth", "4")
        .With("DesiredPayAmount", "400000")
        .With("DesiredPayUnit", "Month")
        .Add("AcceptedEngagements", "part_time_appointee")
        .With("SideJob", "Permitted")
        .With("Visibility", "VisibleToStaff")
        .With("Summary", "自治体の情報政策に長く携わってきました。")
        .With("Career[0].Organization", "")
        .With("Career[0].Role", "")
        .With("Career[0].From", "")
        .With("Career[0].To", "")
        .With("Career[1].Organization", "")
        .With("Career[1].Role", "")
        .With("Career[1].From", "")
        .With("Career[1].To", "");

    /// <summary>Sets Input.{name}, replacing what was there.</summary>
    public ProfileForm With(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == "Input." + name);
        _fields.Add(new("Input." + name, value));
        return this;
    }

    /// <summary>Adds another value for a multi-valued Input.{name} (checkboxes).</summary>
    public ProfileForm Add(string name, string value)
    {
        _fields.Add(new("Input." + name, value));
        return this;
    }

    public ProfileForm Raw(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public List<KeyValuePair<string, string>> Build() => [.. _fields];
}

[Collection(PeopleCollection.Name)]
public partial class ExpertProfileTests(MarketplaceFactory factory)
{
    [GeneratedRegex("data-percent=\"(\\d+)\"")]
    private static partial Regex PercentPattern();

    [GeneratedRegex("data-missing=\"([a-z]+)\"")]
    private static partial Regex MissingPattern();

    private static (int Percent, HashSet<string> Missing) Completeness(string html)
    {
        var m = PercentPattern().Match(html);
        Assert.True(m.Success, "no completeness meter on the page");
        return (int.Parse(m.Groups[1].Value), MissingPattern().Matches(html).Select(x => x.Groups[1].Value).ToHashSet());
    }

    private static Task<HttpResponseMessage> PostProfileAsync(HttpClient client, ProfileForm form) =>
        client.PostFormAsync("/profile/edit", form.Build(), "/profile/edit");

    [Fact]
    public async Task NewExpert_GetsEmptyProfileNamedAfterAccount()
    {
        var name = "初回" + Guid.NewGuid().ToString("N")[..6];
        var (userId, email) = await factory.NewExpertAccountAsync(name);
        var client = await factory.SignedInAsAsync(email);
        Assert.Null(await factory.ProfileOfAsync(userId));

        var response = await client.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        Assert.Contains("<meter", html);
        var (percent, missing) = Completeness(html);
        Assert.Equal(10, percent);
        Assert.Contains("phone", missing);
        Assert.DoesNotContain("name", missing);
        Assert.Contains("href=\"/profile/edit#Input_Phone\"", html);

        var profile = await factory.ProfileOfAsync(userId);
        Assert.NotNull(profile);
        Assert.Equal(name, profile.FullName);

        var edit = await client.GetStringAsync("/profile/edit");
        Assert.Contains($"value=\"{name}\"", edit);
        // The 3 empty career rows, each field labelled.
        Assert.Contains("id=\"Input_Career_2__Organization\"", edit);
        Assert.Contains("for=\"Input_Career_2__Organization\"", edit);
        Assert.Contains("id=\"Input_Phone\"", edit);
        Assert.Contains("id=\"Input_SkillYears_cloud_\"", edit);
        Assert.Single(Regex.Matches(edit, "<h1"));
    }

    [Fact]
    public async Task FillThroughForm_FullWidthDigits_SavedDayRateDerivedAndCompletenessRises()
    {
        var (userId, email) = await factory.NewExpertAccountAsync("記入前の名前");
        var client = await factory.SignedInAsAsync(email);
        var (before, missingBefore) = Completeness(await client.GetStringAsync("/profile"));

        var name = "専門花子" + Guid.NewGuid().ToString("N")[..6];
        var form = ProfileForm.Valid(name)
            .With("Phone", "０９０－１２３４－５６７８")
            .With("AvailableDaysPerWeek", "２")
            .With("DesiredPayAmount", "４００，０００円")
            .With("DesiredPayUnit", "Month")
            .With("MaxOnsiteDaysPerMonth", "２")
            .With("YearsExperience", "２５")
            .With("PublicSectorYears", "１０")
            .With("SkillYears[cloud]", "５")
            .With("SkillYears[it_strategy]", "１２")
            .With("SkillYears[ai]", "0")
            .With("SkillYears[gis]", "")
            .Add("Certifications", "ipa_st")
            .With("CertifiedCio", "true") // ignored: only the national office certifies
            .With("Career[0].Organization", "大洲市役所")
            .With("Career[0].Role", "情報政策課長")
            .With("Career[0].From", "２０１５年４月")
            .With("Career[0].To", "2020/3")
            .With("Career[0].PublicSector", "true")
            .With("Career[1].Organization", "株式会社テスト")
            .With("Career[1].Role", "CTO")
            .With("Career[1].From", "2020-04")
            .With("VendorAffiliationName", "テスト商事株式会社")
            .With("VendorCorporateNumber", "７０００ ０１２０ ５０００２")
            .With("Summary", "短い紹介です。");
        var response = await PostProfileAsync(client, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/profile", WebClientExtensions.LocationPath(response));

        var p = await factory.ProfileOfAsync(userId);
        Assert.NotNull(p);
        Assert.Equal(name, p.FullName);
        Assert.Equal("090-1234-5678", p.Phone);
        Assert.Equal("38", p.HomePrefectureCode);
        Assert.Equal(2, p.AvailableDaysPerWeek);
        Assert.Equal(2, p.MaxOnsiteDaysPerMonth);
        Assert.Equal(400_000, p.DesiredPayAmountYen);
        Assert.Equal(PayUnit.Month, p.DesiredPayUnit);
        Assert.Equal(50_000, p.DesiredDayRateYen); // 400,000 × 12 ÷ (2 days × 48 weeks)
        Assert.Equal(25, p.YearsExperience);
        Assert.Equal(10, p.PublicSectorYears);
        Assert.Equal(["ipa_st"], p.Certifications);
        Assert.False(p.CertifiedCio);
        Assert.Equal(["part_time_appointee"], p.AcceptedEngagements);
        Assert.Equal(SideJobPermission.Permitted, p.SideJob);
        Assert.Equal(ProfileVisibility.VisibleToStaff, p.Visibility);
        Assert.Equal("テスト商事株式会社", p.VendorAffiliationName);
        Assert.Equal("7000012050002", p.VendorCorporateNumber);
        Assert.Equal(new Dictionary<string, int> { ["cloud"] = 5, ["it_strategy"] = 12 }, p.Skills.ToDictionary(s => s.SkillCode, s => s.Years));
        Assert.Equal(2, p.Career.Count);
        var past = p.Career.Single(c => c.Organization == "大洲市役所");
        Assert.Equal(new DateOnly(2015, 4, 1), past.From);
        Assert.Equal(new DateOnly(2020, 3, 1), past.To);
        Assert.True(past.PublicSector);
        var current = p.Career.Single(c => c.Organization == "株式会社テスト");
        Assert.Null(current.To);
        Assert.False(current.PublicSector);

        var html = await client.GetStringAsync("/profile");
        var (after, missing) = Completeness(html);
        Assert.True(after > before, $"completeness {before}% → {after}%");
        Assert.Equal(80, after);
        Assert.Equal(["skills", "summary"], missing.Order().ToArray());
        Assert.Contains("phone", missingBefore);
        Assert.Contains(name, html);
        Assert.Contains("大洲市役所", html);
        Assert.Contains("令和2年3月", html); // the career period with 和暦
        Assert.Contains("7000012050002", html);

        // The form shows what was saved (and again 3 empty career rows).
        var edit = await client.GetStringAsync("/profile/edit");
        Assert.Contains("value=\"2015-04\"", edit);
        Assert.Contains("id=\"Input_Career_4__Organization\"", edit);
        Assert.DoesNotContain("id=\"Input_Career_5__Organization\"", edit);

        // Saving again with a third skill and a long summary completes the profile; rows can be removed.
        var again = form.With("SkillYears[ai]", "3").With("Summary", new string('あ', 120))
            .With("Career[1].Organization", "").With("Career[1].Role", "").With("Career[1].From", "");
        Assert.Equal(HttpStatusCode.Redirect, (await PostProfileAsync(client, again)).StatusCode);
        var (full, none) = Completeness(await client.GetStringAsync("/profile"));
        Assert.Equal(100, full);
        Assert.Empty(none);
        var saved = await factory.ProfileOfAsync(userId);
        Assert.Equal(3, saved!.Skills.Count);
        Assert.Single(saved.Career);
    }

    /// <summary>Needs the strings of scripts/strings-experts.tsv merged into the resources (Profile_PayConversion, Profile_PayAssumptions).</summary>
    [Fact]
    public async Task ProfilePages_ShowDayRateConversionWithAssumptions()
    {
        var (_, email) = await factory.NewExpertAccountAsync();
        var client = await factory.SignedInAsAsync(email);
        var form = ProfileForm.Valid("換算表示").With("DesiredPayAmount", "４００，０００").With("DesiredPayUnit", "Month").With("AvailableDaysPerWeek", "２");
        Assert.Equal(HttpStatusCode.Redirect, (await PostProfileAsync(client, form)).StatusCode);
        foreach (var url in new[] { "/profile", "/profile/edit" })
        {
            var html = await client.GetStringAsync(url);
            Assert.Contains("月額 400,000円・週2日 → 日額換算 50,000円", html);
            Assert.Contains("年間48週", html);
        }
    }

    [Theory]
    [InlineData("Day", "50000", "", 50_000)]
    [InlineData("Year", "9,600,000", "4", 50_000)]
    [InlineData("Month", "273,800", "4", 17_113)]
    [InlineData("Month", "約27万3,800円", "4", 17_113)] // a wish written as an estimate, as on the opening form
    [InlineData("Month", "月額27万3,800円", "4", 17_113)]
    public async Task DesiredPay_DayRateUsesComparablePay(string unit, string amount, string days, long dayRate)
    {
        var (userId, email) = await factory.NewExpertAccountAsync();
        var client = await factory.SignedInAsAsync(email);
        var response = await PostProfileAsync(client, ProfileForm.Valid("報酬" + unit).With("DesiredPayUnit", unit).With("DesiredPayAmount", amount).With("AvailableDaysPerWeek", days));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var p = await factory.ProfileOfAsync(userId);
        Assert.Equal(dayRate, p!.DesiredDayRateYen);
        var expected = Marketplace.Matching.Pay.ComparablePay.Compute(new(p.DesiredPayAmountYen, Enum.Parse<Marketplace.Matching.Pay.PostedPayUnit>(unit), days.Length > 0 ? double.Parse(days) : 5, 12)).DayRateYen;
        Assert.Equal(expected, p.DesiredDayRateYen);
    }

    [Theory]
    [InlineData("VendorCorporateNumber", "8000012050002", "法人番号は13桁の数字で、先頭の検査数字が正しいものを入力してください")]
    [InlineData("AvailableDaysPerWeek", "６", "は0.5から5までの数値で入力してください")]
    [InlineData("DesiredPayAmount", "-1000", "に負の値は入力できません")]
    [InlineData("DesiredPayAmount", "四十万", "は円単位の整数で入力してください")]
    [InlineData("DesiredPayAmount", "年額1,140万円", "に「年額」とありますが、単位は「月額」が選ばれています")]
    [InlineData("SkillYears[cloud]", "61", "は0から60までの整数で入力してください")]
    [InlineData("MaxOnsiteDaysPerMonth", "32", "は0から31までの数値で入力してください")]
    [InlineData("HomePrefectureCode", "48", "を選択してください")]
    [InlineData("SideJob", "Sometimes", "を選択してください")]
    [InlineData("Career[0].Organization", "某市役所", "入力内容を確認してください")]
    [InlineData("Career[1].From", "2020-04", "入力内容を確認してください")]
    [InlineData("Phone", "電話してください", "入力内容を確認してください")]
    [InlineData("VendorAffiliationName", "番号のない商事", "入力内容を確認してください")]
    public async Task BadInput_MessageAndNothingSaved(string field, string value, string message)
    {
        var (userId, email) = await factory.NewExpertAccountAsync();
        var client = await factory.SignedInAsAsync(email);
        var marker = "未保存" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostProfileAsync(client, ProfileForm.Valid(marker).With(field, value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains("入力内容を確認してください", html);
        if (field is not "SideJob") Assert.Contains("input-error", html); // radios and checkboxes are not outlined
        // What was typed is kept in the form.
        Assert.Contains(marker, html);
        var p = await factory.ProfileOfAsync(userId);
        Assert.NotEqual(marker, p?.FullName);
        Assert.False(await factory.WithDbAsync(db => db.ExpertProfiles.AnyAsync(x => x.FullName == marker)));
    }

    [Fact]
    public async Task BadInput_ExistingProfileKeepsItsValues()
    {
        var (userId, email) = await factory.NewExpertAccountAsync();
        var client = await factory.SignedInAsAsync(email);
        var form = ProfileForm.Valid("保存済み太郎").With("Career[0].Organization", "県庁").With("Career[0].Role", "CIO補佐官").With("Career[0].From", "2019-04");
        Assert.Equal(HttpStatusCode.Redirect, (await PostProfileAsync(client, form)).StatusCode);
        var saved = await factory.ProfileOfAsync(userId);

        var bad = ProfileForm.Valid("変更後太郎").With("Career[0].Organization", "別の県庁").With("Career[0].Role", "CIO").With("Career[0].From", "2018-04")
            .With("AvailableDaysPerWeek", "6").With("DesiredPayAmount", "-1");
        Assert.Equal(HttpStatusCode.OK, (await PostProfileAsync(client, bad)).StatusCode);
        var after = await factory.ProfileOfAsync(userId);
        Assert.Equal("保存済み太郎", after!.FullName);
        Assert.Equal(saved!.UpdatedAt, after.UpdatedAt);
        Assert.Equal("県庁", Assert.Single(after.Career).Organization);
        Assert.Equal(400_000, after.DesiredPayAmountYen);
    }

    [Theory]
    [InlineData("/profile")]
    [InlineData("/profile/edit")]
    public async Task Anonymous_RedirectedToLogin(string url)
    {
        var response = await factory.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(response));
    }

    [Theory]
    [InlineData(WebClientExtensions.OzuStaff)]
    [InlineData(WebClientExtensions.Vendor)]
    [InlineData(WebClientExtensions.Office)]
    public async Task OtherRoles_AccessDenied(string account)
    {
        var client = await factory.SignedInAsync(account);
        WebClientExtensions.AssertAccessDenied(await client.GetAsync("/profile"));
        WebClientExtensions.AssertAccessDenied(await client.GetAsync("/profile/edit"));
        var count = await factory.WithDbAsync(db => db.ExpertProfiles.CountAsync());
        WebClientExtensions.AssertAccessDenied(await client.PostFormAsync("/profile/edit", ProfileForm.Valid("職員が作った名前").Build()));
        Assert.Equal(count, await factory.WithDbAsync(db => db.ExpertProfiles.CountAsync()));
    }

    [Fact]
    public async Task DemoExpert_SeesOwnProfile()
    {
        var client = await factory.SignedInAsync(WebClientExtensions.Expert);
        var own = await factory.WithDbAsync(db => db.ExpertProfiles.AsNoTracking().SingleAsync(p => p.User!.Email == WebClientExtensions.Expert));
        var html = await client.GetStringAsync("/profile");
        Assert.Contains(own.FullName, html);
        Assert.Contains(own.Phone!, html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profile/edit")).StatusCode);
    }

    [Fact]
    public async Task CraftedRequests_CannotReadOrChangeAnotherExpertsProfile()
    {
        var (victimId, victimEmail) = await factory.NewExpertAccountAsync();
        var victim = await factory.SignedInAsAsync(victimEmail);
        var victimName = "被害者" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await PostProfileAsync(victim, ProfileForm.Valid(victimName).With("Phone", "06-9999-0001"))).StatusCode);
        var victimProfile = await factory.ProfileOfAsync(victimId);

        var (attackerId, attackerEmail) = await factory.NewExpertAccountAsync();
        var attacker = await factory.SignedInAsAsync(attackerEmail);
        var forged = "書き換え" + Guid.NewGuid().ToString("N")[..6];
        var form = ProfileForm.Valid(forged)
            .Raw("Input.Id", victimProfile!.Id.ToString())
            .Raw("Input.UserId", victimId)
            .Raw("Id", victimProfile.Id.ToString())
            .Raw("UserId", victimId)
            .Raw("userId", victimId);
        var response = await attacker.PostFormAsync($"/profile/edit?id={victimProfile.Id}&userId={victimId}", form.Build(), "/profile/edit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var victimAfter = await factory.ProfileOfAsync(victimId);
        Assert.Equal(victimName, victimAfter!.FullName);
        Assert.Equal("06-9999-0001", victimAfter.Phone);
        Assert.Equal(victimProfile.UpdatedAt, victimAfter.UpdatedAt);
        Assert.Equal(forged, (await factory.ProfileOfAsync(attackerId))!.FullName);

        foreach (var url in new[] { $"/profile?userId={victimId}", $"/profile?id={victimProfile.Id}", $"/profile/edit?userId={victimId}", $"/profile/edit?id={victimProfile.Id}" })
        {
            var html = await attacker.GetStringAsync(url);
            Assert.DoesNotContain(victimName, html);
            Assert.DoesNotContain("06-9999-0001", html);
            Assert.Contains(forged, html);
        }
    }
}
