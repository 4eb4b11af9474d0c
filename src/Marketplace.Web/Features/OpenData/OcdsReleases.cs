using System.Text.Json.Nodes;
using Marketplace.Web.Features.Corrections;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.OpenData;

/// <summary>
/// Calls for proposals as Open Contracting Data Standard 1.1 releases: one release per call with its current state —
/// the tender (ceiling, periods, roles as items, PDF documents, corrections as amendments) and, once awarded, the award
/// with the supplier as a party. Calls recorded after the fact carry <c>recordedAfterTheFact</c> and say so in the award.
/// </summary>
public sealed class OcdsReleases(MarketplaceDbContext db, IOptions<SiteOptions> site, IConfiguration config, PostingCorrections corrections, CorrectionDisplay words, TimeProvider clock)
{
    public const int PageSize = 100;
    public const string Version = "1.1";

    private string BaseUrl => site.Value.BaseUrl.TrimEnd('/');

    /// <summary>The ocid prefix: register one with the OCDS helpdesk and set <c>OpenData:OcidPrefix</c> in production.</summary>
    private string Prefix => config["OpenData:OcidPrefix"] is { Length: > 0 } p ? p : "ocds-jpcio0";

    private IQueryable<ProposalCall> PublicCalls =>
        db.ProposalCalls.AsNoTracking().Where(c => c.PublishedAt != null && c.Status != CallStatus.Draft);

    /// <summary>The release package of one public call; null when there is no such call.</summary>
    public async Task<JsonObject?> PackageForCallAsync(int id, CancellationToken ct = default)
    {
        var calls = await LoadAsync(PublicCalls.Where(c => c.Id == id), ct);
        return calls.Count == 0 ? null : Package(calls, $"{BaseUrl}/api/ocds/calls/{id}", null);
    }

    /// <summary>Every public call's release, oldest first, <see cref="PageSize"/> a page, with a link to the next page.</summary>
    public async Task<JsonObject> PageAsync(int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var total = await PublicCalls.CountAsync(ct);
        var calls = await LoadAsync(PublicCalls.OrderBy(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize), ct);
        var next = page * PageSize < total ? $"{BaseUrl}/api/ocds/releases?page={page + 1}" : null;
        return Package(calls, $"{BaseUrl}/api/ocds/releases?page={page}", next);
    }

    private sealed record Loaded(ProposalCall Call, List<CallAttachmentInfo> Documents, List<CorrectionEntry> Corrections, Supplier? Supplier, int? Tenderers);

    private sealed record CallAttachmentInfo(int Id, string FileName, DateTime UploadedAt);

    private sealed record Supplier(string Name, string? CorporateNumber);

    private async Task<List<Loaded>> LoadAsync(IQueryable<ProposalCall> query, CancellationToken ct)
    {
        var calls = await query.Include(c => c.Organization).ThenInclude(o => o!.Prefecture).Include(c => c.Roles).Include(c => c.Criteria).AsSplitQuery().ToListAsync(ct);
        var ids = calls.Select(c => c.Id).ToList();
        var documents = (await db.CallAttachments.AsNoTracking().Where(a => ids.Contains(a.CallId)).OrderBy(a => a.Id)
            .Select(a => new { a.CallId, Info = new CallAttachmentInfo(a.Id, a.FileName, a.UploadedAt) }).ToListAsync(ct))
            .ToLookup(a => a.CallId, a => a.Info);
        var winners = (await db.Proposals.AsNoTracking().Where(p => ids.Contains(p.CallId) && db.ProposalCalls.Any(c => c.AwardedProposalId == p.Id))
            .Select(p => new { p.CallId, p.VendorCompany!.Name, p.VendorCompany.CorporateNumber }).ToListAsync(ct))
            .ToDictionary(p => p.CallId);
        var counts = await db.Proposals.AsNoTracking().Where(p => ids.Contains(p.CallId)).GroupBy(p => p.CallId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var loaded = new List<Loaded>();
        foreach (var c in calls)
        {
            var supplier = c.RecordedAfterTheFact ? new Supplier(c.SupplierName ?? "", c.SupplierCorporateNumber)
                : winners.TryGetValue(c.Id, out var w) ? new Supplier(w.Name, w.CorporateNumber) : null;
            // Proposals are sealed, not even counted, until the submission deadline.
            int? tenderers = c.RecordedAfterTheFact ? c.RecordedProposalCount : c.SubmissionDeadline <= now ? counts.GetValueOrDefault(c.Id) : null;
            loaded.Add(new Loaded(c, [.. documents[c.Id]], await corrections.ForCallAsync(c.Id, ct), supplier, tenderers));
        }
        return loaded;
    }

    private JsonObject Package(List<Loaded> calls, string uri, string? next)
    {
        var published = calls.Count == 0 ? clock.GetUtcNow().UtcDateTime : calls.Max(c => LastChange(c));
        var package = new JsonObject
        {
            ["uri"] = uri,
            ["version"] = Version,
            ["publishedDate"] = Stamp(published),
            ["publisher"] = new JsonObject { ["name"] = "自治体CIO人材マーケットプレイス / CIO talent marketplace", ["uri"] = BaseUrl },
            ["license"] = "https://creativecommons.org/licenses/by/4.0/",
            ["publicationPolicy"] = $"{BaseUrl}/help",
            ["releases"] = new JsonArray([.. calls.Select(c => (JsonNode)Release(c))]),
        };
        if (next is not null) package["links"] = new JsonObject { ["next"] = next };
        return package;
    }

    private static DateTime LastChange(Loaded l) =>
        new[] { l.Call.UpdatedAt, l.Call.PublishedAt ?? l.Call.UpdatedAt, l.Call.AwardedAt ?? DateTime.MinValue }
            .Concat(l.Corrections.Select(c => c.CorrectedAt)).Max();

    private JsonObject Release(Loaded l)
    {
        var c = l.Call;
        var org = c.Organization!;
        var ocid = $"{Prefix}-call-{c.Id}";
        var last = LastChange(l);
        var buyerId = $"JP-LGCODE-{org.Code}";
        var tags = new JsonArray("tender");
        if (l.Corrections.Count > 0) tags.Add("tenderAmendment");
        if (c.Status == CallStatus.Awarded) tags.Add("award");
        if (c.Status == CallStatus.Cancelled) tags.Add("tenderCancellation");

        var parties = new JsonArray(new JsonObject
        {
            ["id"] = buyerId,
            ["name"] = org.NameJa,
            ["identifier"] = new JsonObject { ["scheme"] = "JP-LGCODE", ["id"] = org.Code, ["legalName"] = org.NameJa },
            ["address"] = new JsonObject { ["region"] = org.Prefecture?.NameJa, ["countryName"] = "日本" },
            ["roles"] = new JsonArray("buyer", "procuringEntity"),
        });
        var buyer = new JsonObject { ["id"] = buyerId, ["name"] = org.NameJa };

        var tender = new JsonObject
        {
            ["id"] = $"call-{c.Id}",
            ["title"] = c.Title,
            ["description"] = c.Purpose.Length > 0 ? c.Purpose : null,
            ["status"] = c.Status switch { CallStatus.Awarded => "complete", CallStatus.Cancelled => "cancelled", _ => "active" },
            ["procuringEntity"] = buyer.DeepClone(),
            ["items"] = new JsonArray([.. c.Roles.OrderBy(r => r.SortOrder).Select(r => (JsonNode)new JsonObject
            {
                ["id"] = $"role-{r.Id}",
                ["description"] = r.Name,
                ["quantity"] = 1,
            })]),
            ["value"] = Value(c.CeilingYen),
            ["procurementMethod"] = "open",
            ["procurementMethodDetails"] = "公募型プロポーザル" + (c.CeilingTaxIncluded ? "（金額は税込）" : "（金額は税抜）"),
            ["mainProcurementCategory"] = "services",
            ["awardCriteria"] = "ratedCriteria",
            ["awardCriteriaDetails"] = c.Criteria.Count == 0 ? null : string.Join("、", c.Criteria.OrderBy(x => x.SortOrder).Select(x => $"{x.Name} {x.Weight}点")) + $"、価格 {c.PriceWeight}点",
            ["submissionMethod"] = new JsonArray("electronicSubmission"),
            ["tenderPeriod"] = new JsonObject { ["startDate"] = Stamp(c.PublishedAt!.Value), ["endDate"] = Stamp(c.SubmissionDeadline) },
            ["enquiryPeriod"] = new JsonObject { ["startDate"] = Stamp(c.PublishedAt.Value), ["endDate"] = Stamp(c.QuestionDeadline) },
            ["contractPeriod"] = Period(c.ContractStart, c.ContractEnd),
            ["documents"] = new JsonArray([.. l.Documents.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = $"call-{c.Id}-doc-{d.Id}",
                ["documentType"] = "tenderNotice",
                ["title"] = d.FileName,
                ["url"] = $"{BaseUrl}/calls/{c.Id}/attachments/{d.Id}",
                ["datePublished"] = Stamp(d.UploadedAt),
                ["format"] = "application/pdf",
                ["language"] = "ja",
            })]),
            ["amendments"] = new JsonArray([.. l.Corrections.OrderBy(x => x.CorrectedAt).Select((x, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call-{c.Id}-amendment-{i + 1}",
                ["date"] = Stamp(x.CorrectedAt),
                ["rationale"] = x.Reason,
                ["description"] = string.Join("; ", x.Changes.Select(f => $"{words.Label(f.Field)}: {words.Value(f.Field, f.Before)} → {words.Value(f.Field, f.After)}")),
            })]),
        };
        if (c.Eligibility.Count > 0) tender["eligibilityCriteria"] = string.Join("\n", c.Eligibility);
        if (l.Tenderers is { } n) tender["numberOfTenderers"] = n;

        var release = new JsonObject
        {
            ["ocid"] = ocid,
            ["id"] = $"{ocid}-{last:yyyyMMddHHmmss}",
            ["date"] = Stamp(last),
            ["tag"] = tags,
            ["initiationType"] = "tender",
            ["language"] = "ja",
            ["parties"] = parties,
            ["buyer"] = buyer,
            ["tender"] = tender,
        };
        if (c.Status == CallStatus.Awarded && l.Supplier is { } s)
        {
            var supplierId = s.CorporateNumber is { } cn ? $"JP-JCN-{cn}" : $"call-{c.Id}-supplier";
            var party = new JsonObject { ["id"] = supplierId, ["name"] = s.Name, ["roles"] = new JsonArray("supplier", "tenderer") };
            if (s.CorporateNumber is { } number) party["identifier"] = new JsonObject { ["scheme"] = "JP-JCN", ["id"] = number, ["legalName"] = s.Name };
            parties.Add(party);
            var award = new JsonObject
            {
                ["id"] = $"call-{c.Id}-award",
                ["title"] = c.Title,
                ["status"] = "active",
                ["date"] = Stamp(c.AwardedAt!.Value),
                ["value"] = Value(c.ContractAmountYen ?? 0),
                ["suppliers"] = new JsonArray(new JsonObject { ["id"] = supplierId, ["name"] = s.Name }),
                ["contractPeriod"] = Period(c.ContractStart, c.ContractEnd),
            };
            if (c.RecordedAfterTheFact)
            {
                award["description"] = "事後登録（本サービスの外で実施された調達を団体が事後に記録）/ Recorded after the fact";
                release["recordedAfterTheFact"] = true;
            }
            else if (c.EarlyAwardReason is { } early) award["description"] = early;
            release["awards"] = new JsonArray(award);
        }
        return release;
    }

    private static JsonObject Value(long yen) => new() { ["amount"] = yen, ["currency"] = "JPY" };

    /// <summary>A contract period in Japan's days: from the first day's start to the last day's end.</summary>
    private static JsonObject Period(DateOnly start, DateOnly end) => new()
    {
        ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+09:00",
        ["endDate"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59+09:00",
    };

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
