using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Pay;
using Marketplace.Matching.Text;
using Marketplace.Web.Localization;
using Microsoft.EntityFrameworkCore;

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
    public int Page { get; init; } = 1;

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

    /// <summary>Where the posting's own page is.</summary>
    public string Url => Kind == PostingKind.Call ? $"/calls/{Id}" : $"/openings/{Id}";
}

public enum PostingKind
{
    Opening,
    Call,
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>There are more than <see cref="Total"/> results; they were not counted beyond it.</summary>
    public bool TotalCapped { get; init; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed class OpeningSearch(MarketplaceDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>Results are counted up to this many ("1,000件以上"): a visitor needs no exact figure beyond it, the database no second full scan.</summary>
    public const int CountCap = 1_000;

    /// <summary>Published openings still taking applications, filtered and sorted as the query says.</summary>
    public async Task<Paged<OpeningSummary>> SearchAsync(OpeningQuery query, CancellationToken ct = default)
    {
        var today = DisplayFormatter.TodayInJapan(clock);
        var q = db.Openings.AsNoTracking().Where(o => o.Status == OpeningStatus.Published && o.ApplicationDeadline >= today);

        q = IndexedMatchingAllTerms(q, query.Q);
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
        q = query.Sort switch
        {
            "deadline" => q.OrderBy(o => o.ApplicationDeadline).ThenBy(o => o.Id),
            "day_rate" => q.OrderByDescending(o => o.DayRateYen).ThenBy(o => o.Id),
            _ => q.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id),
        };

        // Calls for proposals are postings too: outsourced work, found with the engagement form 業務委託 (outsourced).
        var calls = await OpenCallsAsync(query, today, ct);
        var counted = await q.Take(CountCap + 1).CountAsync(ct);
        var skip = (query.Page - 1) * PageSize;
        var items = await q.Skip(calls.Count == 0 ? skip : 0).Take(calls.Count == 0 ? PageSize : skip + PageSize)
            .Select(o => new OpeningSummary(
                o.Id, o.Title, o.Organization!.NameJa, o.Organization.NameEn, o.Organization.PrefectureCode,
                o.RoleCode, o.EngagementCode, o.Rank, o.PayAmountYen, o.PayUnit, o.DayRateYen,
                o.DaysPerWeek, o.OnsiteDaysPerMonth, o.RemoteAllowed, o.FirstTermMonths,
                o.ApplicationDeadline, o.PublishedAt, o.NoticeId))
            .ToListAsync(ct);
        if (calls.Count > 0)
        {
            items = [.. Sorted(items.Concat(calls), query.Sort).Skip(skip).Take(PageSize)];
            counted += calls.Count;
        }
        return new Paged<OpeningSummary>(items, query.Page, PageSize, Math.Min(counted, CountCap)) { TotalCapped = counted > CountCap };
    }

    private static IEnumerable<OpeningSummary> Sorted(IEnumerable<OpeningSummary> items, string? sort) => sort switch
    {
        "deadline" => items.OrderBy(o => o.ApplicationDeadline).ThenBy(o => o.Kind).ThenBy(o => o.Id),
        "day_rate" => items.OrderByDescending(o => o.DayRateYen).ThenBy(o => o.Kind).ThenBy(o => o.Id),
        _ => items.OrderByDescending(o => o.PublishedAt).ThenBy(o => o.Kind).ThenByDescending(o => o.Id),
    };

    /// <summary>
    /// Published calls still taking proposals that meet the query, as search results: the ceiling is the posted
    /// amount (a contract total) and the comparable day rate spreads it, tax excluded, over the contract period at
    /// 5 days a week (a full-time equivalent). Calls carry no role code, so a role filter leaves them out.
    /// </summary>
    private async Task<List<OpeningSummary>> OpenCallsAsync(OpeningQuery query, DateOnly today, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(query.Role) || query.Engagement != OutsourcedCode) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var calls = db.ProposalCalls.AsNoTracking()
            .Where(c => c.Status == CallStatus.Published && c.PublishedAt != null && c.SubmissionDeadline > now);
        foreach (var term in JapaneseText.SearchTerms(query.Q)) calls = calls.Where(c => c.SearchText.Contains(term));
        if (!string.IsNullOrEmpty(query.Prefecture)) calls = calls.Where(c => c.Organization!.PrefectureCode == query.Prefecture);
        var rows = await calls.Select(c => new
        {
            c.Id, c.Title, c.Organization!.NameJa, c.Organization.NameEn, c.Organization.PrefectureCode, c.CeilingYen, c.CeilingTaxIncluded,
            c.ContractStart, c.ContractEnd, c.OnsiteDaysPerWeek, c.SubmissionDeadline, c.PublishedAt,
        }).Take(CountCap).ToListAsync(ct);
        var minRate = ParseMinDayRate(query);
        var maxOnsite = ParseMaxOnsite(query);
        return rows.Select(c =>
            {
                var months = Math.Max(1, (int)Math.Round((c.ContractEnd.DayNumber - c.ContractStart.DayNumber + 1) / (365.25 / 12)));
                var pay = ComparablePay.Compute(new PostedPay(c.CeilingYen, PostedPayUnit.ContractTotal, 5, months, c.CeilingTaxIncluded));
                var onsitePerMonth = c.OnsiteDaysPerWeek * ComparablePay.WeeksPerMonth;
                return new OpeningSummary(c.Id, c.Title, c.NameJa, c.NameEn, c.PrefectureCode, "", OutsourcedCode, null,
                    c.CeilingYen, PayUnit.ContractTotal, pay.DayRateYen, 5, onsitePerMonth, c.OnsiteDaysPerWeek < 5, months,
                    DateOnly.FromDateTime(DisplayFormatter.ToJst(c.SubmissionDeadline)), c.PublishedAt, null) { Kind = PostingKind.Call };
            })
            .Where(c => minRate is not { } m || c.DayRateYen >= m)
            .Where(c => maxOnsite is not { } x || c.OnsiteDaysPerMonth <= x)
            .Where(c => !query.Remote || c.RemoteAllowed)
            .Where(c => query.Term switch
            {
                "short" => c.FirstTermMonths <= 6,
                "medium" => c.FirstTermMonths is > 6 and <= 12,
                "long" => c.FirstTermMonths > 12,
                _ => true,
            })
            .Where(c => c.ApplicationDeadline >= today)
            .ToList();
    }

    public const string OutsourcedCode = "outsourced";

    /// <summary>
    /// <see cref="MatchingAllTerms"/> narrowed first by the bigram keyword index (<see cref="KeywordIndex"/>), so the
    /// substring test runs on candidates only: an FTS5 match on SQLite, a GIN array containment on PostgreSQL.
    /// </summary>
    public IQueryable<Opening> IndexedMatchingAllTerms(IQueryable<Opening> q, string? text)
    {
        var terms = JapaneseText.SearchTerms(text);
        if (terms.Count == 0) return q;
        if (db.Database.IsSqlite() && KeywordIndex.SqliteMatch(terms) is { } match)
        {
            var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"OpeningKeywords\" WHERE \"OpeningKeywords\" MATCH {match}");
            q = q.Where(o => ids.Contains(o.Id));
        }
        else if (db.Database.IsNpgsql() && KeywordIndex.PostgresBigrams(terms) is { Length: > 0 } bigrams)
        {
            var ids = db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"Openings\" WHERE mp_bigrams(\"SearchText\") @> {bigrams}");
            q = q.Where(o => ids.Contains(o.Id));
        }
        return MatchingAllTerms(q, text);
    }

    /// <summary>
    /// Openings whose normalised text contains every term. LIKE '%term%' behaves the same on SQLite and
    /// PostgreSQL (where a trigram index serves it) and matches 2-character words, which a word index would not.
    /// </summary>
    public static IQueryable<Opening> MatchingAllTerms(IQueryable<Opening> q, string? text)
    {
        foreach (var term in JapaneseText.SearchTerms(text))
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
