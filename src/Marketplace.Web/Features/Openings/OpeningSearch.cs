using Marketplace.Data.Sqlite;
using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.Openings;

/// <summary>The public search's state, exactly as it appears in the query string of <c>/openings</c>.</summary>
public sealed record OpeningQuery
{
    public string? Q { get; init; }
    public string? Prefecture { get; init; }
    public string? Role { get; init; }
    public string? Engagement { get; init; }
    public string? MinDayRate { get; init; }
    public string? MaxOnsiteDays { get; init; }
    public bool Remote { get; init; }
    /// <summary>short (≤ 6 months), medium (7–12), long (&gt; 12): the first term.</summary>
    public string? Term { get; init; }
    /// <summary>newest (default), deadline (soonest first), day_rate (highest first).</summary>
    public string? Sort { get; init; }
    /// <summary>open (default: still taking applications or proposals), closed (deadline passed or closed), awarded (calls with a published result, filled openings).</summary>
    public string? Status { get; init; }
    /// <summary>opening or call: one kind of posting only (a vendor following calls); empty for both.</summary>
    public string? Kind { get; init; }
    public int Page { get; init; } = 1;

    /// <summary>Only postings published after this instant (saved-search alerts); never from the query string.</summary>
    public DateTime? PublishedAfter { get; init; }

    /// <summary>The status asked for, open when missing or unknown.</summary>
    public string StatusOrOpen => Status is ClosedStatus or AwardedStatus ? Status : OpenStatus;

    public const string OpenStatus = "open";
    public const string ClosedStatus = "closed";
    public const string AwardedStatus = "awarded";

    public static OpeningQuery FromRequest(IQueryCollection q) => new()
    {
        Q = q["q"],
        Prefecture = q["prefecture"],
        Role = q["role"],
        Engagement = q["engagement"],
        MinDayRate = q["min_day_rate"],
        MaxOnsiteDays = q["max_onsite_days"],
        Remote = q["remote"] is var r && (r == "1" || r == "true" || r == "on"),
        Term = q["term"],
        Sort = q["sort"],
        Status = q["status"],
        Kind = q["kind"],
        Page = int.TryParse(q["page"], out var p) && p > 0 ? Math.Min(p, 10_000) : 1,
    };

    /// <summary>The query string for this search, with <paramref name="page"/> (and an optional other sort).</summary>
    public string ToQueryString(int? page = null, string? sort = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string k, string? v)
        {
            if (!string.IsNullOrWhiteSpace(v)) pairs.Add(new(k, v));
        }
        Add("q", Q);
        Add("prefecture", Prefecture);
        Add("role", Role);
        Add("engagement", Engagement);
        Add("min_day_rate", MinDayRate);
        Add("max_onsite_days", MaxOnsiteDays);
        if (Remote) Add("remote", "1");
        Add("term", Term);
        Add("sort", sort ?? Sort);
        if (StatusOrOpen != OpenStatus) Add("status", StatusOrOpen);
        Add("kind", Kind is "opening" or "call" ? Kind : null);
        if ((page ?? Page) > 1) Add("page", (page ?? Page).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToString();
    }
}

public sealed record OpeningSummary(
    int Id, string Title, string OrganizationNameJa, string OrganizationNameEn, string PrefectureCode,
    string RoleCode, string EngagementCode, string? Rank, long PayAmountYen, PayUnit PayUnit, long DayRateYen,
    double DaysPerWeek, double OnsiteDaysPerMonth, bool RemoteAllowed, int FirstTermMonths,
    DateOnly ApplicationDeadline, DateTime? PublishedAt, int? NoticeId)
{
    /// <summary>An opening (a person is hired) or a call for proposals (the work is outsourced to a company).</summary>
    public PostingKind Kind { get; init; } = PostingKind.Opening;

    /// <summary>A past procurement or appointment recorded after the fact (事後登録), not run through the product.</summary>
    public bool RecordedAfterTheFact { get; init; }

    /// <summary>What the notice left unstated or gave as an estimate (約, 程度), so a result card says so as the opening's page does.</summary>
    public bool PayNotStated { get; init; }
    public bool PayApproximate { get; init; }
    public bool DaysPerWeekNotStated { get; init; }
    public bool DaysPerWeekApproximate { get; init; }
    public bool OnsiteNotStated { get; init; }
    public bool OnsiteApproximate { get; init; }
    public bool FirstTermApproximate { get; init; }

    /// <summary>Where the posting's own page is.</summary>
    public string Url => Kind == PostingKind.Call ? $"/calls/{Id}" : $"/openings/{Id}";
}

public enum PostingKind
{
    Opening,
    Call,
}

public sealed class OpeningSearch(MarketplaceDbContext db, TimeProvider clock, Taxonomy.TaxonomyCatalog taxonomy, KeywordMatchCache keywordMatches, OpeningSearchSnapshots snapshots)
{
    public const int PageSize = 20;

    /// <summary>Results are counted up to this many ("1,000件以上"): a visitor needs no exact figure beyond it, the database no second full scan.</summary>
    public const int CountCap = 1_000;

    /// <summary>
    /// One search over openings and calls for proposals: published postings in the status asked for (open by
    /// default), filtered and sorted as the query says. Each kind is filtered and sorted by the database; a page is
    /// the merge of the first <c>skip + PageSize</c> of each (calls are few beside openings), and the total is a
    /// count capped at <see cref="CountCap"/>, never a second full scan.
    /// </summary>
    public async Task<Paged<OpeningSummary>> SearchAsync(OpeningQuery query, CancellationToken ct = default)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        // Beyond the capped count there are no pages to go to: a deeper page is the last one.
        var page = Math.Min(query.Page, CountCap / PageSize);
        var skip = (page - 1) * PageSize;
        var memory = await InMemoryAsync(query, ct);
        var calls = Summaries(query, memory is null ? await CallRowsAsync(query, ct) : CallRows(memory.Value.Snapshot.Calls, query));
        if (query.Kind == "call") return Page(calls.Skip(skip).Take(PageSize).ToList(), page, calls.Count);

        // The page's ids first (the search index serves them without reading a wide row), then the 20 rows shown.
        var take = calls.Count == 0 ? PageSize : skip + PageSize;
        var openingSkip = calls.Count == 0 ? skip : 0;
        List<OpeningSummary> items;
        int counted;
        if (memory is var (snapshot, keywords))
        {
            (items, counted) = snapshot.Find(query, today, keywords, openingSkip, take, CountCap + 1);
        }
        else
        {
            var openings = await OpeningsMatchingAsync(query, today, ct);
            var ids = await Ordered(openings, query.Sort).Select(o => o.Id).Skip(openingSkip).Take(take).ToListAsync(ct);
            // A first page that is not full is every match: no count to run.
            counted = openingSkip == 0 && ids.Count < take ? ids.Count : await openings.Take(CountCap + 1).CountAsync(ct);
            var rows = await db.Openings.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(SummaryOf).ToDictionaryAsync(o => o.Id, ct);
            items = [.. ids.Select(id => rows[id])];
        }
        if (calls.Count > 0) items = [.. Sorted(items.Concat(calls), query.Sort).Skip(skip).Take(PageSize)];
        return Page(items, page, counted + calls.Count);
    }

    /// <summary>An opening as a search result.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Opening, OpeningSummary>> SummaryOf = o => new OpeningSummary(
        o.Id, o.Title, o.Organization!.NameJa, o.Organization.NameEn, o.Organization.PrefectureCode,
        o.RoleCode, o.EngagementCode, o.Rank, o.PayAmountYen, o.PayUnit, o.DayRateYen,
        o.DaysPerWeek, o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
        o.ApplicationDeadline, o.PublishedAt, o.NoticeId)
    {
        RecordedAfterTheFact = o.RecordedAfterTheFact, PayNotStated = o.PayNotStated, PayApproximate = o.PayApproximate,
        DaysPerWeekNotStated = o.DaysPerWeekNotStated, DaysPerWeekApproximate = o.DaysPerWeekApproximate,
        OnsiteNotStated = o.OnsiteNotStated, OnsiteApproximate = o.OnsiteApproximate, FirstTermApproximate = o.FirstTermApproximate,
    };

    /// <summary>Every opening meeting the query (calls are not included), in the search's order, at most <paramref name="limit"/>.</summary>
    public async Task<List<int>> OpeningIdsAsync(OpeningQuery query, int limit, CancellationToken ct = default)
    {
        if (query.Kind == "call") return [];
        var today = DisplayFormatter.TodayInJapan(clock);
        if (await InMemoryAsync(query, ct) is var (snapshot, keywords))
        {
            return [.. snapshot.Find(query, today, keywords, 0, limit, limit).Items.Select(o => o.Id)];
        }
        return await Ordered(await OpeningsMatchingAsync(query, today, ct), query.Sort).Select(o => o.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// On SQLite, the search snapshot in memory at the current public-content version (see
    /// <see cref="OpeningSearchSnapshot"/>) and the set of openings containing the query's keywords (null: none
    /// asked for); null on PostgreSQL, and on SQLite while the snapshot of a new version is being read: then the
    /// database's search indexes serve the search.
    /// </summary>
    private async Task<(OpeningSearchSnapshot Snapshot, ulong[]? Keywords)?> InMemoryAsync(OpeningQuery query, CancellationToken ct)
    {
        if (!db.TestsKeywordMatchSetsInMemory || !snapshots.Enabled) return null;
        var version = await KeywordMatchCache.VersionAsync(db, ct);
        ulong[]? keywords = null;
        if (JapaneseText.SearchTerms(query.Q) is { Count: > 0 } terms)
        {
            // A set is freed only a minute after it was retired, so it is there; if not, the database answers.
            keywords = KeywordMatchSets.Bits(await keywordMatches.HandleAsync(terms, version, ct));
            if (keywords is null) return null;
        }
        return snapshots.Ready(version) is { } snapshot ? (snapshot, keywords) : null;
    }

    /// <summary>Openings with their organisation and skills, in the order of <paramref name="ids"/>.</summary>
    public async Task<List<Opening>> OpeningsByIdAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        var rows = await db.Openings.AsNoTracking().AsSplitQuery().Include(o => o.Organization).Include(o => o.Skills)
            .Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    private static Paged<OpeningSummary> Page(List<OpeningSummary> items, int page, int counted) =>
        new(items, page, PageSize, Math.Min(counted, CountCap)) { TotalCapped = counted > CountCap };

    /// <summary>Openings meeting the query, unordered.</summary>
    /// <remarks>"awarded" finds filled openings (an appointment recorded); "closed" every opening past its deadline, filled or not.</remarks>
    private async Task<IQueryable<Opening>> OpeningsMatchingAsync(OpeningQuery query, DateOnly today, CancellationToken ct)
    {
        var q = db.Openings.AsNoTracking();
        q = query.StatusOrOpen switch
        {
            OpeningQuery.AwardedStatus => q.Where(o => o.Status == OpeningStatus.Closed && o.FilledOn != null),
            OpeningQuery.ClosedStatus => q.Where(o => o.Status == OpeningStatus.Closed || (o.Status == OpeningStatus.Published && o.ApplicationDeadline < today)),
            _ => q.Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today),
        };
        if (query.PublishedAfter is { } after) q = q.Where(o => o.PublishedAt > after);

        q = await IndexedMatchingAllTermsAsync(q, query.Q, ct);
        if (!string.IsNullOrEmpty(query.Prefecture)) q = q.Where(o => o.Organization!.PrefectureCode == query.Prefecture);
        if (!string.IsNullOrEmpty(query.Role)) q = q.Where(o => o.RoleCode == query.Role);
        if (!string.IsNullOrEmpty(query.Engagement)) q = q.Where(o => o.EngagementCode == query.Engagement);
        if (ParseMinDayRate(query) is { } minRate) q = q.Where(o => o.DayRateYen >= minRate);
        if (ParseMaxOnsite(query) is { } maxOnsite) q = q.Where(o => o.OnsiteDaysPerMonth <= maxOnsite);
        if (query.Remote) q = q.Where(o => o.RemoteAllowed);
        q = query.Term switch
        {
            "short" => q.Where(o => o.FirstTermMonths <= 6),
            "medium" => q.Where(o => o.FirstTermMonths > 6 && o.FirstTermMonths <= 12),
            "long" => q.Where(o => o.FirstTermMonths > 12),
            _ => q,
        };
        return q;
    }

    /// <summary>The search's order; each has an index in that order carrying every filtered column (see OpeningConfiguration).</summary>
    private static IQueryable<Opening> Ordered(IQueryable<Opening> q, string? sort) => sort switch
    {
        "deadline" => q.OrderBy(o => o.ApplicationDeadline).ThenBy(o => o.Id),
        "day_rate" => q.OrderByDescending(o => o.DayRateYen).ThenBy(o => o.Id),
        _ => q.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id),
    };

    /// <summary>The order of the search, for merging openings and calls (each kind's database order is the same).</summary>
    private static IEnumerable<OpeningSummary> Sorted(IEnumerable<OpeningSummary> items, string? sort) => sort switch
    {
        "deadline" => items.OrderBy(o => o.ApplicationDeadline).ThenBy(o => o.Kind).ThenBy(o => o.Id),
        "day_rate" => items.OrderByDescending(o => o.DayRateYen).ThenBy(o => o.Kind).ThenBy(o => o.Id),
        _ => items.OrderByDescending(o => o.PublishedAt).ThenBy(o => o.Kind).ThenByDescending(o => o.Id),
    };

    /// <summary>Published calls for proposals in the status asked for that meet the query's filters (the day rate and term are tested in <see cref="Summaries"/>).</summary>
    private async Task<List<CallRow>> CallRowsAsync(OpeningQuery query, CancellationToken ct)
    {
        if (!CallsWanted(query)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var calls = db.ProposalCalls.AsNoTracking().Where(c => c.PublishedAt != null);
        calls = query.StatusOrOpen switch
        {
            OpeningQuery.ClosedStatus => calls.Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline <= now),
            OpeningQuery.AwardedStatus => calls.Where(c => c.Status == CallStatus.Awarded),
            _ => calls.Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline > now),
        };
        if (query.PublishedAfter is { } after) calls = calls.Where(c => c.PublishedAt > after);
        if (!string.IsNullOrEmpty(query.Role))
        {
            var names = RoleNames(taxonomy, query.Role);
            if (names.Count == 0) return [];
            calls = calls.Where(c => c.Roles.Any(r => names.Contains(r.Name)));
        }
        foreach (var term in JapaneseText.SearchTerms(query.Q)) calls = calls.Where(c => c.SearchText.Contains(term));
        if (!string.IsNullOrEmpty(query.Prefecture)) calls = calls.Where(c => c.Organization!.PrefectureCode == query.Prefecture);
        if (ParseMaxOnsite(query) is { } maxOnsite) calls = calls.Where(c => c.OnsiteDaysPerWeek * ComparablePay.WeeksPerMonth <= maxOnsite);
        if (query.Remote) calls = calls.Where(c => c.OnsiteDaysPerWeek < 5);
        return await calls.Select(CallRowOf).ToListAsync(ct);
    }

    /// <summary><see cref="CallRowsAsync"/> over the calls of the search snapshot: the same tests, in memory.</summary>
    private List<CallRow> CallRows(IReadOnlyList<CallRow> all, OpeningQuery query)
    {
        if (!CallsWanted(query)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var status = query.StatusOrOpen;
        IReadOnlyList<string>? names = string.IsNullOrEmpty(query.Role) ? null : RoleNames(taxonomy, query.Role);
        if (names is { Count: 0 }) return [];
        var terms = JapaneseText.SearchTerms(query.Q);
        var maxOnsite = ParseMaxOnsite(query);
        return [.. all.Where(c =>
            (status switch
            {
                OpeningQuery.ClosedStatus => c.Status == CallStatus.Published && c.SubmissionDeadline <= now,
                OpeningQuery.AwardedStatus => c.Status == CallStatus.Awarded,
                _ => c.Status == CallStatus.Published && c.SubmissionDeadline > now,
            })
            && (query.PublishedAfter is not { } after || c.PublishedAt > after)
            && (names is null || c.RoleNames.Any(names.Contains))
            && terms.All(t => c.SearchText.Contains(t, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(query.Prefecture) || c.PrefectureCode == query.Prefecture)
            && (maxOnsite is not { } m || c.OnsiteDaysPerWeek * ComparablePay.WeeksPerMonth <= m)
            && (!query.Remote || c.OnsiteDaysPerWeek < 5))];
    }

    /// <summary>A call is outsourced work, so an engagement form other than 業務委託 (or openings only) leaves calls out.</summary>
    private static bool CallsWanted(OpeningQuery query) =>
        query.Kind != "opening" && (string.IsNullOrEmpty(query.Engagement) || query.Engagement == OutsourcedCode);

    /// <summary>What the search needs of a published call for proposals.</summary>
    internal sealed record CallRow(
        int Id, string Title, string NameJa, string NameEn, string PrefectureCode, long CeilingYen, bool CeilingTaxIncluded,
        DateOnly ContractStart, DateOnly ContractEnd, double OnsiteDaysPerWeek, DateTime SubmissionDeadline, DateTime? PublishedAt,
        bool RecordedAfterTheFact, CallStatus Status, string SearchText, List<string> RoleNames);

    internal static readonly System.Linq.Expressions.Expression<Func<ProposalCall, CallRow>> CallRowOf = c => new CallRow(
        c.Id, c.Title, c.Organization!.NameJa, c.Organization.NameEn, c.Organization.PrefectureCode, c.CeilingYen, c.CeilingTaxIncluded,
        c.ContractStart, c.ContractEnd, c.OnsiteDaysPerWeek, c.SubmissionDeadline, c.PublishedAt, c.RecordedAfterTheFact,
        c.Status, c.SearchText, c.Roles.Select(r => r.Name).ToList());

    /// <summary>
    /// Calls for proposals meeting the query as search results, in the search's order: the ceiling is the posted
    /// amount (a contract total) and the comparable day rate spreads it, tax excluded, over the contract period at 5
    /// days a week (a full-time equivalent). A role filter finds calls naming that role (<see cref="RoleNames"/>).
    /// </summary>
    private static List<OpeningSummary> Summaries(OpeningQuery query, List<CallRow> rows)
    {
        var minRate = ParseMinDayRate(query);
        var summaries = rows.Select(c =>
            {
                var months = Math.Max(1, (int)Math.Round((c.ContractEnd.DayNumber - c.ContractStart.DayNumber + 1) / (365.25 / 12)));
                var pay = ComparablePay.Compute(new PostedPay(c.CeilingYen, PostedPayUnit.ContractTotal, 5, months, c.CeilingTaxIncluded));
                return new OpeningSummary(c.Id, c.Title, c.NameJa, c.NameEn, c.PrefectureCode, "", OutsourcedCode, null,
                    c.CeilingYen, PayUnit.ContractTotal, pay.DayRateYen, 5, c.OnsiteDaysPerWeek * ComparablePay.WeeksPerMonth, c.OnsiteDaysPerWeek < 5, months,
                    DateOnly.FromDateTime(DisplayFormatter.ToJst(c.SubmissionDeadline)), c.PublishedAt, null) { Kind = PostingKind.Call, RecordedAfterTheFact = c.RecordedAfterTheFact };
            })
            .Where(c => minRate is not { } m || c.DayRateYen >= m)
            .Where(c => query.Term switch
            {
                "short" => c.FirstTermMonths <= 6,
                "medium" => c.FirstTermMonths is > 6 and <= 12,
                "long" => c.FirstTermMonths > 12,
                _ => true,
            });
        return [.. Sorted(summaries, query.Sort)];
    }

    /// <summary>
    /// The names a call may give a role of the taxonomy to be found by it: the Japanese label without its
    /// explanation in brackets, each of its 「・」-separated names (CIO補佐官; 地域DXマネージャー, DX推進監), as typed and
    /// in full width. A call's role named exactly so (米原市's 「CIO補佐官」) is that role.
    /// </summary>
    public static List<string> RoleNames(Taxonomy.TaxonomyCatalog taxonomy, string roleCode)
    {
        var label = taxonomy.Roles.FirstOrDefault(r => r.Code == roleCode)?.Ja;
        if (label is null || roleCode == "other") return [];
        var bare = label.Split('（')[0].Trim();
        var names = bare.Split('・', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(bare).Distinct().ToList();
        return [.. names.Concat(names.Select(FullWidth)).Distinct()];
    }

    private static string FullWidth(string s) =>
        string.Concat(s.Select(ch => ch is >= '!' and <= '~' ? (char)(ch + 0xFEE0) : ch));

    public const string OutsourcedCode = "outsourced";

    /// <summary>
    /// <see cref="MatchingAllTerms"/> served by the bigram keyword index (<see cref="KeywordIndex"/>). On SQLite the
    /// openings matching the keywords are a set in memory that the search index's walk tests each row against
    /// (<see cref="KeywordMatchCache"/>); on PostgreSQL a GIN array containment narrows the candidates of the substring test.
    /// </summary>
    private async Task<IQueryable<Opening>> IndexedMatchingAllTermsAsync(IQueryable<Opening> q, string? text, CancellationToken ct)
    {
        var terms = JapaneseText.SearchTerms(text);
        if (terms.Count == 0) return q;
        if (db.KeywordCandidates(KeywordTarget.Openings, terms) is not { } ids) return MatchingAllTerms(q, terms);
        if (!db.TestsKeywordMatchSetsInMemory) return MatchingAllTerms(q.Where(o => ids.Contains(o.Id)), terms);
        var set = await keywordMatches.HandleAsync(db, terms, ct);
        return q.Where(o => KeywordMatchSets.Contains(set, o.Id));
    }

    /// <summary>
    /// Openings whose normalised text contains every term. LIKE '%term%' behaves the same on SQLite and
    /// PostgreSQL (where a trigram index serves it) and matches 2-character words, which a word index would not.
    /// </summary>
    public static IQueryable<Opening> MatchingAllTerms(IQueryable<Opening> q, string? text) => MatchingAllTerms(q, JapaneseText.SearchTerms(text));

    internal static IQueryable<Opening> MatchingAllTerms(IQueryable<Opening> q, IEnumerable<string> terms)
    {
        foreach (var term in terms)
        {
            var pattern = LikePattern(term);
            q = q.Where(o => EF.Functions.Like(o.SearchText, pattern, LikeEscape));
        }
        return q;
    }

    public const string LikeEscape = "\\";

    /// <summary>The LIKE pattern matching <paramref name="term"/> anywhere, wildcards in it taken literally.</summary>
    public static string LikePattern(string term) => "%" + EscapeLike(term) + "%";

    private static string EscapeLike(string term) =>
        term.Replace(LikeEscape, LikeEscape + LikeEscape).Replace("%", LikeEscape + "%").Replace("_", LikeEscape + "_");

    public static long? ParseMinDayRate(OpeningQuery q) =>
        JapaneseText.TryParseYen(q.MinDayRate, out var v) && v >= 0 ? v : null;

    public static double? ParseMaxOnsite(OpeningQuery q) =>
        JapaneseText.TryParseDecimal(q.MaxOnsiteDays, out var v) && v >= 0 ? v : null;

    /// <summary>A published (or closed) opening as the public may see it; drafts and cancelled ones are not found.</summary>
    public Task<Opening?> FindPublicAsync(int id, CancellationToken ct = default) =>
        db.Openings.AsNoTracking().Include(o => o.Skills).Include(o => o.Organization).ThenInclude(g => g!.Prefecture).Include(o => o.Notice)
            .FirstOrDefaultAsync(o => o.Id == id && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed), ct);

    public async Task<(RecruitmentNotice Notice, List<Opening> Openings)?> FindPublicNoticeAsync(int noticeId, CancellationToken ct = default)
    {
        var notice = await db.Notices.AsNoTracking().Include(n => n.Organization).FirstOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null) return null;
        var openings = await db.Openings.AsNoTracking().Include(o => o.Skills).Include(o => o.Organization).ThenInclude(g => g!.Prefecture)
            .Where(o => o.NoticeId == noticeId && (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed))
            .OrderBy(o => o.Id).ToListAsync(ct);
        return openings.Count == 0 ? null : (notice, openings);
    }
}
