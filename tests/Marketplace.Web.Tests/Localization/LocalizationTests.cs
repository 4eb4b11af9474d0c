using Marketplace.Web.Features.Dispatch;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Marketplace.Web.Tests.Localization;

public partial class LocalizationTests
{
    public static string RepoRootPath => RepoRoot();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketplace.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Marketplace.sln not found above the test folder");
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [GeneratedRegex("""\b[tT]\["([A-Za-z0-9_]+)"|"((?:Val|Field|Opening|Account|Org|Mail|Login|Invite|Error|Admin|Apply|Stage|Coi|Csv|Applicant|Applicants|Application|Vendors|Nav|Recommend|MatchingAdmin|Profile|Data|Notify|Outbox|Unsub|Proposal|Call|Eval|Dispatch|Round|Cert|Course|Incentive|Claim)_[A-Za-z0-9_]+)"|\$"(Status|OrgKind|Stage|TrainingRun|Vendors_Relation|Outbox_Status|Notify_Digest|Call_Status|Call_Phase|Call_Formula)_\{""")]
    private static partial Regex KeyUse();

    [Fact]
    public void Resources_EveryKeyUsedInCode_ExistsInJapaneseAndEnglish()
    {
        var web = Path.Combine(RepoRoot(), "src", "Marketplace.Web");
        var ja = Keys(Path.Combine(web, "Resources", "SharedResource.resx"));
        var en = Keys(Path.Combine(web, "Resources", "SharedResource.en.resx"));
        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .Where(k => k.Length > 0)
            .ToHashSet();
        Assert.True(used.Count > 100, $"only {used.Count} keys found: the pattern is probably broken");
        Assert.Empty(used.Where(k => !ja.Contains(k)).Order());
        Assert.Empty(used.Where(k => !en.Contains(k)).Order());
        Assert.Empty(ja.Except(en).Order());
        // Keys built at run time from codes and enum names.
        var dynamicKeys = new[] { "Draft", "Published", "Closed", "Cancelled" }.Select(s => $"Status_{s}")
            .Concat(Marketplace.Data.Entities.Stages.All.Select(s => $"Stage_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.TrainingRunStatus>().Select(s => $"TrainingRun_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.VendorRelation>().Select(s => $"Vendors_Relation_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.OrganizationKind>().Select(s => $"OrgKind_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.OutboxStatus>().Select(s => $"Outbox_Status_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.DigestFrequency>().Select(s => $"Notify_Digest_{s}"))
            .Concat(Marketplace.Web.Features.Notifications.NotificationKinds.All.Select(k => k.LabelKey))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.CallStatus>().Select(s => $"Call_Status_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.PriceFormula>().Select(s => $"Call_Formula_{s}"))
            .Concat(Enum.GetNames<Marketplace.Web.Features.Calls.CallPhase>().Select(s => $"Call_Phase_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.DispatchRequestStatus>().Select(s => $"Dispatch_RequestStatus_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.DispatchStatus>().Select(s => $"Dispatch_Status_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.DispatchProposalStatus>().Select(s => $"Dispatch_ProposalStatus_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.CertificationApplicationStatus>().Select(s => $"Cert_Status_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.CertificationEventKind>().Select(s => $"Cert_Event_{s}"))
            .Concat(new[] { "Valid", "Expired", "Revoked" }.Select(s => $"Cert_State_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.ClaimStatus>().Select(s => $"Claim_Status_{s}"))
            .Concat(Enum.GetNames<Marketplace.Data.Entities.IncentiveKind>().Select(s => $"Claim_Kind_{s}"))
            .Concat(Enum.GetNames<Marketplace.Web.Features.Dispatch.ClaimDecision>().Select(s => $"Claim_Decision_{s}"))
            .Concat(Enum.GetNames<Marketplace.Web.Features.Dispatch.RoundPhase>().Select(s => $"Round_Phase_{s}"))
            .Concat(Marketplace.Web.Features.Dispatch.Obstacles.All.Select(s => $"Dispatch_Obstacle_{s}"))
            .Concat(new[] { "approved", "extended", "ended_early", "completed" }.Select(s => $"Dispatch_Event_{s}"))
            .Concat(Enum.GetNames<Marketplace.Web.Features.Dispatch.DispatchNotifications.CertificationNews>()
                .SelectMany(s => new[] { $"Notify_Cert_{s}_Subject", $"Notify_Cert_{s}_Body" }));
        var missing = dynamicKeys.Where(k => !ja.Contains(k) || !en.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }
}
