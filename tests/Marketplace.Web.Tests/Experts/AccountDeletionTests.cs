using System.Data.Common;
using System.Net;
using System.Text.Json;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Web.Tests.Experts;

/// <summary>
/// Personal data rights: an expert downloads everything held about them, and deleting the account
/// leaves no name, e-mail or contact anywhere in the database while per-opening stage counts stay the same.
/// </summary>
[Collection(PeopleCollection.Name)]
public class AccountDeletionTests(MarketplaceFactory factory)
{
    private sealed record Expert(string UserId, string Email, HttpClient Client, int ProfileId);

    /// <summary>A fresh expert with a filled profile (through the form) whose personal values all contain <paramref name="tag"/>.</summary>
    private async Task<Expert> ExpertWithProfileAsync(string name, string phone, string summary, string vendorName, string careerOrg, string? email = null)
    {
        var (userId, address) = await factory.NewExpertAccountAsync(name, email);
        var client = await factory.SignedInAsAsync(address);
        var form = ProfileForm.Valid(name)
            .With("Phone", phone)
            .With("Summary", summary)
            .With("VendorAffiliationName", vendorName)
            .With("VendorCorporateNumber", "7000012050002")
            .With("SkillYears[cloud]", "7")
            .With("SkillYears[procurement]", "3")
            .With("Career[0].Organization", careerOrg)
            .With("Career[0].Role", "情報システム部長")
            .With("Career[0].From", "2010-04")
            .With("Career[0].To", "2021-03");
        var response = await client.PostFormAsync("/profile/edit", form.Build(), "/profile/edit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var profileId = await factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.UserId == userId).Select(p => p.Id).SingleAsync());
        return new Expert(userId, address, client, profileId);
    }

    private Task<List<(int Id, string Title)>> PublishedOpeningsAsync(int count) =>
        factory.WithDbAsync(async db => (await db.Openings.Where(o => o.Status == OpeningStatus.Published).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Title }).Take(count).ToListAsync()).Select(o => (o.Id, o.Title)).ToList());

    private Task<string> StaffIdAsync() =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.OzuStaff).Select(u => u.Id).SingleAsync());

    /// <summary>An application with the expert's motivation, a stage history (applied by the expert, interviewed by staff) and messages both ways.</summary>
    private Task<int> ApplyAsync(int profileId, string userId, int openingId, string motivation, string? expertMessage, string? staffMessage, string staffId, bool interviewed) =>
        factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var application = new Application
            {
                OpeningId = openingId,
                ExpertProfileId = profileId,
                Stage = interviewed ? Stages.Interviewed : Stages.Applied,
                Motivation = motivation,
                CreatedAt = now.AddDays(-3),
                UpdatedAt = now,
                History = [new ApplicationStageChange { FromStage = null, ToStage = Stages.Applied, ChangedAt = now.AddDays(-3), ByExpert = true, ChangedByUserId = userId }],
            };
            if (interviewed)
            {
                application.History.Add(new ApplicationStageChange { FromStage = Stages.Applied, ToStage = Stages.Interviewed, Reason = "書類選考を通過", ChangedAt = now.AddDays(-1), ChangedByUserId = staffId });
            }
            if (expertMessage is not null) application.Messages.Add(new ApplicationMessage { AuthorUserId = userId, FromExpert = true, Body = expertMessage, SentAt = now.AddDays(-2) });
            if (staffMessage is not null) application.Messages.Add(new ApplicationMessage { AuthorUserId = staffId, FromExpert = false, Body = staffMessage, SentAt = now.AddDays(-1) });
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });

    private static List<KeyValuePair<string, string>> DeleteForm(string password, bool confirm = true)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Password", password) };
        if (confirm) fields.Add(new("Input.Confirm", "true"));
        return fields;
    }

    [Fact]
    public async Task Export_ExpertGetsJsonWithProfileAndApplications()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = "輸出一郎" + tag;
        var expert = await ExpertWithProfileAsync(name, "045-111-2222", "自己紹介" + tag, "輸出商事" + tag, "横浜市" + tag);
        var openings = await PublishedOpeningsAsync(1);
        var staffId = await StaffIdAsync();
        await ApplyAsync(expert.ProfileId, expert.UserId, openings[0].Id, "志望動機" + tag, "質問です" + tag, "面接のご案内" + tag, staffId, interviewed: true);

        var page = await expert.Client.GetAsync("/account/data");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/account/data?handler=Download\"", html);
        Assert.Contains("id=\"Input_Password\"", html);

        var response = await expert.Client.GetAsync("/account/data?handler=Download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var today = TimeZoneInfo.ConvertTimeFromUtc(factory.Clock.GetUtcNow().UtcDateTime, Marketplace.Web.Localization.DisplayFormatter.Jst); // the app's clock: tests before this one may have moved it
        Assert.Equal($"marketplace-data-{today:yyyyMMdd}.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(name, text); // Japanese written as is, not \uXXXX
        Assert.Contains("\n  ", text); // indented

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(expert.Email, root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(name, root.GetProperty("account").GetProperty("displayName").GetString());
        var profile = root.GetProperty("profile");
        Assert.Equal(name, profile.GetProperty("fullName").GetString());
        Assert.Equal("045-111-2222", profile.GetProperty("phone").GetString());
        Assert.Equal("輸出商事" + tag, profile.GetProperty("vendorAffiliationName").GetString());
        Assert.Equal(50_000, profile.GetProperty("desiredDayRateYen").GetInt64());
        Assert.Equal("横浜市" + tag, profile.GetProperty("career")[0].GetProperty("organization").GetString());
        Assert.Equal("2010-04", profile.GetProperty("career")[0].GetProperty("from").GetString());
        Assert.Equal(2, profile.GetProperty("skills").GetArrayLength());
        var application = Assert.Single(root.GetProperty("applications").EnumerateArray());
        Assert.Equal(openings[0].Id, application.GetProperty("opening").GetProperty("id").GetInt32());
        Assert.Equal(openings[0].Title, application.GetProperty("opening").GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(application.GetProperty("opening").GetProperty("government").GetString()));
        Assert.Equal("interviewed", application.GetProperty("stage").GetString());
        Assert.Equal("志望動機" + tag, application.GetProperty("motivation").GetString());
        Assert.Equal(2, application.GetProperty("stageHistory").GetArrayLength());
        Assert.Equal(["質問です" + tag, "面接のご案内" + tag], application.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()!).ToArray());
    }

    [Fact]
    public async Task Export_CraftedUserIdIsIgnored_OnlyOwnDataReturned()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var victim = await ExpertWithProfileAsync("秘密花子" + tag, "011-222-3333", "秘密の自己紹介" + tag, "秘密商事" + tag, "札幌市" + tag);
        var (_, otherEmail) = await factory.NewExpertAccountAsync("別の専門人材" + tag);
        var other = await factory.SignedInAsAsync(otherEmail);

        foreach (var url in new[] { $"/account/data?handler=Download&userId={victim.UserId}", $"/account/data?handler=Download&id={victim.UserId}&email={Uri.EscapeDataString(victim.Email)}" })
        {
            var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(tag + "\"", text.Replace("別の専門人材" + tag + "\"", ""));
            Assert.DoesNotContain(victim.Email, text);
            Assert.DoesNotContain("秘密", text);
            Assert.Contains(otherEmail, text);
        }

        var staff = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var staffExport = await staff.GetAsync($"/account/data?handler=Download&userId={victim.UserId}");
        Assert.Equal(HttpStatusCode.OK, staffExport.StatusCode);
        var staffText = await staffExport.Content.ReadAsStringAsync();
        Assert.Contains(WebClientExtensions.OzuStaff, staffText);
        Assert.DoesNotContain("秘密", staffText);
        using var staffJson = JsonDocument.Parse(staffText);
        Assert.Equal(JsonValueKind.Null, staffJson.RootElement.GetProperty("profile").ValueKind);

        var anonymous = await factory.NewClient().GetAsync($"/account/data?handler=Download&userId={victim.UserId}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(anonymous));
    }

    [Fact]
    public async Task Delete_OnlyExperts_AndNotForSomeoneElse()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var victim = await ExpertWithProfileAsync("残存次郎" + tag, "022-333-4444", "残る自己紹介" + tag, "残存商事" + tag, "仙台市" + tag);

        // Staff cannot delete anything here (not even themselves), and never someone else.
        var staff = await factory.SignedInAsync(WebClientExtensions.OzuStaff);
        var staffPage = await staff.GetStringAsync("/account/data");
        Assert.DoesNotContain("id=\"Input_Password\"", staffPage);
        WebClientExtensions.AssertAccessDenied(await staff.PostFormAsync($"/account/data?handler=Delete&userId={victim.UserId}", DeleteForm(Infrastructure.WebClientExtensions.Expert)));
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == WebClientExtensions.OzuStaff)));

        // Another expert posting with a crafted userId deletes (at most) their own account, never the victim's.
        var (attackerId, attackerEmail) = await factory.NewExpertAccountAsync();
        var attacker = await factory.SignedInAsAsync(attackerEmail);
        var fields = DeleteForm(TestExpertAccounts.Password);
        fields.Add(new("userId", victim.UserId));
        fields.Add(new("Input.UserId", victim.UserId));
        var response = await attacker.PostFormAsync($"/account/data?handler=Delete&userId={victim.UserId}", fields, "/account/data");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == attackerId)));
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == victim.UserId)));
        Assert.Equal("残存次郎" + tag, (await factory.ProfileOfAsync(victim.UserId))!.FullName);

        var anonymous = factory.NewClient();
        var anonymousPage = await anonymous.GetAsync("/account/data");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(anonymousPage));
    }

    [Fact]
    public async Task Delete_WrongPasswordOrNoConfirmation_NothingDeleted()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var expert = await ExpertWithProfileAsync("誤入力三郎" + tag, "052-444-5555", "自己紹介" + tag, "誤入力商事" + tag, "名古屋市" + tag);
        var openings = await PublishedOpeningsAsync(1);
        await ApplyAsync(expert.ProfileId, expert.UserId, openings[0].Id, "志望動機" + tag, "メッセージ" + tag, null, await StaffIdAsync(), interviewed: false);

        foreach (var (password, confirm) in new[] { ("wrong-password-123", true), (TestExpertAccounts.Password, false), ("", true) })
        {
            var response = await expert.Client.PostFormAsync("/account/data?handler=Delete", DeleteForm(password, confirm), "/account/data");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("入力内容を確認してください", await response.Content.ReadAsStringAsync());
        }

        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == expert.UserId)));
        var profile = await factory.ProfileOfAsync(expert.UserId);
        Assert.Equal("誤入力三郎" + tag, profile!.FullName);
        Assert.Equal("052-444-5555", profile.Phone);
        Assert.Null(profile.AnonymizedAt);
        Assert.Single(profile.Career);
        var application = await factory.WithDbAsync(db => db.Applications.Include(a => a.Messages).AsNoTracking().SingleAsync(a => a.ExpertProfileId == expert.ProfileId));
        Assert.Equal("志望動機" + tag, application.Motivation);
        Assert.Single(application.Messages);
        // Still signed in.
        Assert.Equal(HttpStatusCode.OK, (await expert.Client.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task Delete_LeavesNoNameEmailOrContactAnywhere_StageCountsUnchanged()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = "退会予定者" + tag;
        var email = $"leaving-{tag}@example.jp";
        var phone = $"080-{tag[..4].Select(c => (char)('0' + c % 10)).Aggregate("", (s, c) => s + c)}-9876";
        var summary = "退会テスト用の自己紹介です。" + tag;
        var vendorName = "退会テスト商事" + tag;
        var careerOrg = "退会テスト市役所" + tag;
        var motivation = "退会テストの志望動機" + tag;
        var expertMessage = "退会テストの質問" + tag;
        var staffMessage = name + "様 面接のご案内です";

        var expert = await ExpertWithProfileAsync(name, phone, summary, vendorName, careerOrg, email);
        var staffId = await StaffIdAsync();
        var openings = await PublishedOpeningsAsync(2);
        var withMessages = await ApplyAsync(expert.ProfileId, expert.UserId, openings[0].Id, motivation, expertMessage, staffMessage, staffId, interviewed: true);
        var plain = await ApplyAsync(expert.ProfileId, expert.UserId, openings[1].Id, motivation + "2", null, null, staffId, interviewed: false);

        var openingIds = openings.Select(o => o.Id).ToList();
        var stagesBefore = await StageCountsAsync(openingIds);
        var historyBefore = await factory.WithDbAsync(db => db.ApplicationStageChanges.Where(h => h.ApplicationId == withMessages || h.ApplicationId == plain).CountAsync());
        var secrets = new[] { name, email, phone, summary, vendorName, careerOrg, motivation, expertMessage };
        // The scan itself finds them while the account exists.
        foreach (var secret in new[] { name, email, phone, summary, vendorName })
        {
            Assert.NotEmpty(await FindInDatabaseAsync(secret));
        }

        var response = await expert.Client.PostFormAsync("/account/data?handler=Delete", DeleteForm(TestExpertAccounts.Password), "/account/data");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", WebClientExtensions.LocationPath(response));

        foreach (var secret in secrets)
        {
            var found = await FindInDatabaseAsync(secret);
            Assert.True(found.Count == 0, $"'{secret}' is still in {string.Join(", ", found)}");
        }
        Assert.Empty(await FindInDatabaseAsync(expert.UserId));

        // The applications, their stages and stage history stay, so counts per opening are unchanged.
        Assert.Equal(stagesBefore, await StageCountsAsync(openingIds));
        var (profile, applications, history) = await factory.WithDbAsync(async db => (
            await db.ExpertProfiles.AsNoTracking().Include(p => p.Skills).Include(p => p.Career).SingleAsync(p => p.Id == expert.ProfileId),
            await db.Applications.AsNoTracking().Include(a => a.Messages).Where(a => a.ExpertProfileId == expert.ProfileId).OrderBy(a => a.Id).ToListAsync(),
            await db.ApplicationStageChanges.AsNoTracking().Where(h => h.ApplicationId == withMessages || h.ApplicationId == plain).ToListAsync()));
        Assert.Null(profile.UserId);
        Assert.NotNull(profile.AnonymizedAt);
        Assert.Null(profile.Phone);
        Assert.Null(profile.VendorCorporateNumber);
        Assert.Empty(profile.Career);
        Assert.Equal(ProfileVisibility.HiddenUntilApplied, profile.Visibility);
        // The anonymous matching attributes are kept.
        Assert.Equal(2, profile.Skills.Count);
        Assert.Equal("38", profile.HomePrefectureCode);
        Assert.Equal(50_000, profile.DesiredDayRateYen);
        Assert.Equal(2, profile.AvailableDaysPerWeek);
        Assert.Equal(["part_time_appointee"], profile.AcceptedEngagements);
        Assert.Equal([Stages.Interviewed, Stages.Applied], applications.Select(a => a.Stage).ToArray());
        Assert.All(applications, a => Assert.Empty(a.Messages));
        Assert.All(applications, a => Assert.Equal("", a.Motivation));
        Assert.Equal(historyBefore, history.Count);
        Assert.All(history.Where(h => h.ByExpert), h => Assert.Null(h.ChangedByUserId));
        Assert.Equal(staffId, history.Single(h => h.ToStage == Stages.Interviewed).ChangedByUserId);

        // Signed out, and the account is gone: it cannot sign in again.
        var profilePage = await expert.Client.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.Redirect, profilePage.StatusCode);
        Assert.Equal("/account/login", WebClientExtensions.LocationPath(profilePage));
        var signIn = await factory.NewClient().SignInAsync(email, TestExpertAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません", await signIn.Content.ReadAsStringAsync());
    }

    private Task<Dictionary<string, int>> StageCountsAsync(List<int> openingIds) =>
        factory.WithDbAsync(async db => (await db.Applications.Where(a => openingIds.Contains(a.OpeningId))
                .GroupBy(a => new { a.OpeningId, a.Stage }).Select(g => new { g.Key.OpeningId, g.Key.Stage, Count = g.Count() }).ToListAsync())
            .OrderBy(x => x.OpeningId).ThenBy(x => x.Stage)
            .ToDictionary(x => $"{x.OpeningId}:{x.Stage}", x => x.Count));

    /// <summary>Every table.column of the database (all tables, every column read as text) whose value contains <paramref name="value"/>, ignoring case.</summary>
    private async Task<List<string>> FindInDatabaseAsync(string value)
    {
        await using DbConnection conn = factory.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(factory.ConnectionString)
            : new SqliteConnection(factory.ConnectionString);
        await conn.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        if (factory.Provider == DatabaseProvider.Postgres)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) columns.Add((r.GetString(0), r.GetString(1)));
        }
        else
        {
            var tables = new List<string>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) tables.Add(r.GetString(0));
            }
            Assert.Contains("AspNetUsers", tables);
            Assert.Contains("ExpertProfiles", tables);
            foreach (var table in tables)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"PRAGMA table_info(\"{table}\")";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) columns.Add((table, r.GetString(1)));
            }
        }
        Assert.True(columns.Count > 50, $"only {columns.Count} columns found");

        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = factory.Provider == DatabaseProvider.Postgres
                ? $"SELECT COUNT(*) FROM \"{table}\" WHERE strpos(lower(\"{column}\"::text), lower(@v)) > 0"
                : $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower(@v)) > 0";
            var p = cmd.CreateParameter();
            p.ParameterName = "@v";
            p.Value = value;
            cmd.Parameters.Add(p);
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync()) > 0) found.Add($"{table}.{column}");
        }
        return found;
    }
}
