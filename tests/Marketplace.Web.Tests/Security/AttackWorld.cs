using System.Globalization;
using System.Net;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Web.Features.Dispatch;
using Marketplace.Web.Tests.Cases;
using Marketplace.Web.Tests.Dispatch;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Security;

/// <summary>The parties of the route × role and fuzz tests: two of each kind of account, the office and a stranger.</summary>
public enum Party { Anonymous, GovA, GovB, ExpertA, ExpertB, VendorA, VendorB, Office }

/// <summary>The role a party's account has (what the pages' policies look at).</summary>
public enum Role { Anonymous, Staff, Expert, Vendor, Office }

/// <summary>
/// The demo data plus private data of every party, each piece carrying a marker string that only the parties it
/// concerns may ever be shown: 大洲市 (GovA) and 米原市 (GovB) with a draft opening, a draft call with a PDF, a
/// published call with a proposal, an application, a draft case; 大洲市 also has an advice thread and 米原市 a
/// dispatch with a claim. The demo expert (ExpertA) and a certified expert (ExpertB) applied, the two demo vendors
/// proposed, ExpertA and VendorB have a saved search. One signed-in browser per party (second factor done).
/// </summary>
public sealed class AttackWorld : IAsyncLifetime
{
    public const int Missing = 987654;
    public MarketplaceFactory Factory { get; } = MarketplaceFactory.Create(DatabaseProvider.Sqlite);
    public Dictionary<Party, HttpClient> Clients { get; } = [];
    public Dictionary<string, Party[]> Markers { get; } = [];
    public int OpeningDraftA, OpeningDraftB, OpeningPubA, OpeningPubB, ApplicationA, ApplicationB, ProfileA, ProfileB;
    public int CallDraftA, CallAttachmentA, CallPubA, CallPubB, ProposalA, ProposalB, ProposalAttachmentA;
    public int CaseDraftA, CaseDraftB, CasePubA, CaseAttachmentA, AdviceA, NoticeId;
    public int RoundId, RequestB, DispatchProposalB, DispatchB, ClaimB, CertificationApplication, VendorContractA;
    public string SessionOfA = "";

    public static Role RoleOf(Party p) => p switch
    {
        Party.GovA or Party.GovB => Role.Staff,
        Party.ExpertA or Party.ExpertB => Role.Expert,
        Party.VendorA or Party.VendorB => Role.Vendor,
        Party.Office => Role.Office,
        _ => Role.Anonymous,
    };

    /// <summary>Whether this run is the SQLite pass (the access rules do not depend on the provider; the tests run once).</summary>
    public static bool Runs => TestDatabases.DefaultProvider == DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        if (!Runs) return;
        Factory.Settings["RateLimits:WritesPerUserPerMinute"] = "1000000";
        Factory.Settings["Quotas:DraftsPerDay"] = "100000";
        Factory.Settings["Quotas:QuestionsPerDay"] = "100000";
        var (expertB, expertBUser, profileB) = await Factory.CertifiedExpertAsync(name: "攻撃 試験");
        ProfileB = profileB;
        var emails = new Dictionary<Party, string>
        {
            [Party.GovA] = WebClientExtensions.OzuStaff, [Party.GovB] = WebClientExtensions.MaibaraStaff,
            [Party.ExpertA] = WebClientExtensions.Expert, [Party.ExpertB] = expertB,
            [Party.VendorA] = WebClientExtensions.Vendor, [Party.VendorB] = ProposalHelpers.Vendor2,
            [Party.Office] = WebClientExtensions.Office,
        };
        Clients[Party.Anonymous] = Factory.NewClient();
        foreach (var (party, email) in emails) Clients[party] = await Factory.SignedInAsync(email);
        var govA = Clients[Party.GovA];
        var govB = Clients[Party.GovB];

        // Openings: a draft each, and one published each.
        OpeningDraftA = await NewOpeningAsync(govA, Mark("ZQXDRAFTGA", Party.GovA));
        OpeningDraftB = await NewOpeningAsync(govB, Mark("ZQXDRAFTGB", Party.GovB));
        OpeningPubB = await NewOpeningAsync(govB, "米原市 デジタル推進アドバイザー");
        Assert.Equal(HttpStatusCode.Redirect, (await govB.PostFormAsync($"/manage/openings/{OpeningPubB}?handler=Publish", [new("token", await Factory.TokenOfAsync(OpeningPubB))], "/manage/openings/new")).StatusCode);
        OpeningPubA = await Factory.WithDbAsync(db => db.Openings.Where(o => o.Organization!.Code == "382078" && o.Status == OpeningStatus.Published).Select(o => o.Id).FirstAsync());

        // Applications with a private motivation and a message.
        ProfileA = await Factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.User!.Email == WebClientExtensions.Expert).Select(p => p.Id).SingleAsync());
        ApplicationA = await ApplyAsync(Party.ExpertA, OpeningPubA, ProfileA, Mark("ZQXAPPEA", Party.ExpertA, Party.GovA));
        ApplicationB = await ApplyAsync(Party.ExpertB, OpeningPubB, ProfileB, Mark("ZQXAPPEB", Party.ExpertB, Party.GovB));

        // Calls: 大洲市's draft with a PDF; one published call each, with a proposal of one vendor.
        CallDraftA = await Factory.CreateCallAsync(govA, Factory.CallForm(Mark("ZQXCALLGA", Party.GovA) + " 下書き公募"), publish: false);
        await govA.PostMultipartAsync($"/manage/calls/{CallDraftA}?handler=Attach", "/manage/calls", "spec.pdf", ProposalHelpers.TinyPdf("ZQXCALLGA"));
        CallAttachmentA = await Factory.WithDbAsync(db => db.CallAttachments.Where(a => a.CallId == CallDraftA).Select(a => a.Id).SingleAsync());
        CallPubA = await Factory.CreateCallAsync(govA, Factory.CallForm("大洲市CIO支援業務 試験公募"));
        CallPubB = await Factory.CreateCallAsync(govB, Factory.CallForm("米原市DX支援業務 試験公募"));
        ProposalA = await ProposeAsync(Party.VendorA, WebClientExtensions.Vendor, CallPubA, Mark("ZQXPROPVA", Party.VendorA, Party.GovA));
        ProposalB = await ProposeAsync(Party.VendorB, ProposalHelpers.Vendor2, CallPubB, Mark("ZQXPROPVB", Party.VendorB, Party.GovB));
        await Clients[Party.VendorA].PostMultipartAsync($"/vendor/calls/{CallPubA}/proposal?handler=Attach", $"/vendor/calls/{CallPubA}/proposal", "plan.pdf", ProposalHelpers.TinyPdf("ZQXPROPVA"));
        ProposalAttachmentA = await Factory.WithDbAsync(db => db.ProposalAttachments.Where(a => a.ProposalId == ProposalA).Select(a => a.Id).SingleAsync());

        // Saved searches, private to their owner.
        await Factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            SavedSearch Saved(string email, string name) => new()
            {
                UserId = db.Users.Single(u => u.Email == email).Id, Name = name, Query = "?q=DX", AlertsSince = now, CreatedAt = now, UpdatedAt = now, Version = Guid.NewGuid(),
            };
            db.SavedSearches.AddRange(Saved(WebClientExtensions.Expert, Mark("ZQXSAVEDEA", Party.ExpertA)), Saved(ProposalHelpers.Vendor2, Mark("ZQXSAVEDVB", Party.VendorB)));
            return await db.SaveChangesAsync();
        });

        // Cases: a draft each (大洲市's with a PDF), a published one of 大洲市 that 内子町 asked for advice about.
        CaseDraftA = await new CaseBuilder("382078", Mark("ZQXCASEGA", Party.GovA, Party.Office) + " 下書き") { Status = CaseStatus.Draft }.SaveAsync(Factory);
        CaseDraftB = await new CaseBuilder("252140", Mark("ZQXCASEGB", Party.GovB, Party.Office) + " 下書き") { Status = CaseStatus.Draft }.SaveAsync(Factory);
        CasePubA = await new CaseBuilder("382078", "大洲市の公開事例（試験）").SaveAsync(Factory);
        (CaseAttachmentA, AdviceA, NoticeId, VendorContractA) = await Factory.WithDbAsync(async db =>
        {
            var pdf = new CaseAttachment { CaseId = CaseDraftA, FileName = "資料.pdf", Content = ProposalHelpers.TinyPdf("ZQXCASEGA"), SizeBytes = 200, UploadedAt = DateTime.UtcNow };
            var uchiko = await db.Organizations.SingleAsync(o => o.Code == "384224");
            var advice = new AdviceRequest { CaseId = CasePubA, RequesterOrganizationId = uchiko.Id, RequesterUserId = "x", Kind = "visit", Question = Mark("ZQXADVICE", Party.GovA) + " 視察させてください。", CreatedAt = DateTime.UtcNow };
            db.AddRange(pdf, advice);
            await db.SaveChangesAsync();
            var contract = await db.VendorContracts.Where(c => c.Organization!.Code == "382078").Select(c => c.Id).FirstOrDefaultAsync();
            return (pdf.Id, advice.Id, await db.Notices.Select(n => n.Id).FirstAsync(), contract);
        });

        // The dispatch programme: 米原市 hosts ExpertB, with a claim; another expert waits for certification.
        var maibara = await Factory.OrgAsync("252140");
        DispatchProposalB = await Factory.AcceptedProposalAsync(maibara.Id, expertBUser, profileB);
        var approved = await Factory.ApproveAsync(DispatchProposalB);
        Assert.True(approved.Succeeded, approved.FirstError);
        DispatchB = approved.Id;
        var claim = await Factory.WithAsync(sp => sp.GetRequiredService<IncentiveService>().FileAsync(maibara.Id, DispatchScenario.StaffUser, DispatchB, "ReadinessSubsidy", null, null));
        Assert.True(claim.Succeeded, claim.FirstError);
        ClaimB = claim.Id;
        (RoundId, RequestB) = await Factory.WithDbAsync(async db => (await db.DispatchRounds.Select(r => r.Id).SingleAsync(), await db.Dispatches.Where(d => d.Id == DispatchB).Select(d => d.RequestId).SingleAsync()));
        var (_, other) = await Factory.CreateExpertAsync("申請中 三郎");
        var otherUser = await Factory.WithDbAsync(db => db.ExpertProfiles.Where(p => p.Id == other).Select(p => p.UserId!).SingleAsync());
        CertificationApplication = (await Factory.WithAsync(sp => sp.GetRequiredService<CertificationService>().ApplyAsync(otherUser, "経歴", "スキル", "推薦者"))).Id;
        CountWrites();
    }

    private string Mark(string marker, params Party[] mayRead)
    {
        Markers[marker] = mayRead;
        return marker;
    }

    private static async Task<int> NewOpeningAsync(HttpClient staff, string title)
    {
        var created = await staff.PostFormAsync("/manage/openings/new", new OpeningFormBuilder().With("Title", title).Build(), "/manage/openings/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(WebClientExtensions.LocationPath(created).Split('/').Last(), CultureInfo.InvariantCulture);
    }

    private async Task<int> ApplyAsync(Party expert, int opening, int profile, string marker)
    {
        var client = Clients[expert];
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/openings/{opening}/apply", [new("motivation", marker + " 志望動機")], "/applications")).StatusCode);
        var id = await Factory.WithDbAsync(db => db.Applications.Where(a => a.OpeningId == opening && a.ExpertProfileId == profile).Select(a => a.Id).SingleAsync());
        await client.PostFormAsync($"/applications/{id}?handler=Message", [new("body", marker + " のメッセージ")], "/applications");
        return id;
    }

    private async Task<int> ProposeAsync(Party vendor, string email, int call, string marker)
    {
        var submitted = await Clients[vendor].SubmitProposalAsync(call, "30,000,000", "excluded", await Factory.DistinctStaffingAsync(call, email), marker + " 提案の実施方針");
        Assert.True(submitted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"proposal: {submitted.StatusCode}");
        return await Factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == call && db.Users.Any(u => u.Email == email && u.VendorCompanyId == p.VendorCompanyId)).Select(p => p.Id).SingleAsync());
    }

    /// <summary>
    /// Counts every row written to every table a request could change, with SQLite triggers added to this test's own
    /// database copy, so that a forged request that wrote anything is seen (even a write of the same values). Left out:
    /// sign-in sessions (each request touches its own), the audit log (append-only, it records reads), Data
    /// Protection keys and full-text index internals.
    /// </summary>
    private void CountWrites()
    {
        using var connection = Open();
        using (var create = new SqliteCommand("CREATE TABLE IF NOT EXISTS zz_writes (name TEXT PRIMARY KEY, n INTEGER NOT NULL)", connection)) create.ExecuteNonQuery();
        var tables = new List<string>();
        var virtuals = new List<string>();
        using (var list = new SqliteCommand("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(0);
                if ((reader.IsDBNull(1) ? "" : reader.GetString(1)).StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase)) virtuals.Add(name);
                else tables.Add(name);
            }
        }
        foreach (var table in tables)
        {
            if (table.StartsWith("sqlite_", StringComparison.Ordinal) || table == "zz_writes" || virtuals.Any(v => table.StartsWith(v + "_", StringComparison.Ordinal))) continue;
            if (table is "UserSessions" or "AuditEntries" or "DataProtectionKeys" || table.Contains("hangfire", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var op in new[] { "INSERT", "UPDATE", "DELETE" })
            {
                using var trigger = new SqliteCommand(
                    $"CREATE TRIGGER IF NOT EXISTS \"zz_{op}_{table}\" AFTER {op} ON \"{table}\" BEGIN " +
                    $"INSERT INTO zz_writes (name, n) VALUES ('{table} {op}', 1) ON CONFLICT(name) DO UPDATE SET n = n + 1; END", connection);
                trigger.ExecuteNonQuery();
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(Factory.ConnectionString) { Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Rows written so far, by table and operation.</summary>
    public Dictionary<string, string> Snapshot()
    {
        using var connection = Open();
        using var select = new SqliteCommand("SELECT name, n FROM zz_writes", connection);
        using var reader = select.ExecuteReader();
        var counts = new Dictionary<string, string>();
        while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
        return counts;
    }

    public static IEnumerable<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order();

    public Task DisposeAsync()
    {
        foreach (var c in Clients.Values) c.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
