namespace Marketplace.Web.Features.Cases;

/// <summary>The public case search, exactly as it appears in the query string of <c>/cases</c>.</summary>
public sealed record CaseQuery
{
    public string? Q { get; init; }
    public string? Theme { get; init; }
    public string? Obstacle { get; init; }
    public string? Factor { get; init; }
    public string? Prefecture { get; init; }
    /// <summary>prefecture, city or town (<see cref="CaseCodes.KindGroups"/>).</summary>
    public string? Kind { get; init; }
    public string? Population { get; init; }
    public string? Fiscal { get; init; }
    public int Page { get; init; } = 1;

    public static CaseQuery FromRequest(IQueryCollection q) => new()
    {
        Q = q["q"], Theme = q["theme"], Obstacle = q["obstacle"], Factor = q["factor"], Prefecture = q["prefecture"],
        Kind = q["kind"], Population = q["population"], Fiscal = q["fiscal"],
        Page = int.TryParse(q["page"], out var p) && p > 0 ? Math.Min(p, 10_000) : 1,
    };

    /// <summary>The search for governments like <paramref name="org"/>: same kind, and its population and 財政力指数 bands where known.</summary>
    public static CaseQuery LikeMine(Organization org) => new()
    {
        Kind = CaseCodes.KindGroup(org.Kind),
        Population = CaseCodes.PopulationBandOf(org.Population),
        Fiscal = CaseCodes.FiscalBandOf(org.FiscalCapacityIndex),
    };

    public string ToQueryString(int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string k, string? v)
        {
            if (!string.IsNullOrWhiteSpace(v)) pairs.Add(new(k, v));
        }
        Add("q", Q);
        Add("theme", Theme);
        Add("obstacle", Obstacle);
        Add("factor", Factor);
        Add("prefecture", Prefecture);
        Add("kind", Kind);
        Add("population", Population);
        Add("fiscal", Fiscal);
        if ((page ?? Page) > 1) Add("page", (page ?? Page).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return QueryString.Create(pairs).ToString();
    }
}

public sealed class CaseSearch(MarketplaceDbContext db, RelatedCaseIndex index)
{
    public const int PageSize = 20;

    /// <summary>Published cases matching every filter, newest first.</summary>
    public async Task<Paged<CaseStudy>> SearchAsync(CaseQuery query, CancellationToken ct = default)
    {
        var q = Filter(db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Published), query);
        return await q.Include(c => c.Governments).ThenInclude(g => g.Organization)
            .AsSplitQuery()
            .OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .ToPagedAsync(query.Page, PageSize, ct);
    }

    /// <summary>
    /// The cases meeting every filter. Keywords are narrowed first by the bigram keyword index (an FTS5 match on
    /// SQLite, a GIN containment on PostgreSQL: <see cref="KeywordIndex"/>), so the exact substring test that decides
    /// runs on the candidates only, not on every case.
    /// </summary>
    public IQueryable<CaseStudy> Filter(IQueryable<CaseStudy> q, CaseQuery query)
    {
        var terms = JapaneseText.SearchTerms(query.Q);
        if (db.KeywordCandidates(KeywordTarget.Cases, terms) is { } ids) q = q.Where(c => ids.Contains(c.Id));
        foreach (var term in terms)
        {
            var pattern = OpeningSearch.LikePattern(term);
            q = q.Where(c => EF.Functions.Like(c.SearchText, pattern, OpeningSearch.LikeEscape));
        }
        if (!string.IsNullOrEmpty(query.Theme)) q = q.Where(c => c.Themes.Contains(query.Theme));
        if (!string.IsNullOrEmpty(query.Obstacle)) q = q.Where(c => c.Obstacles.Contains(query.Obstacle));
        if (!string.IsNullOrEmpty(query.Factor)) q = q.Where(c => c.SuccessFactors.Contains(query.Factor));
        if (!string.IsNullOrEmpty(query.Prefecture)) q = q.Where(c => c.Governments.Any(g => g.Organization!.PrefectureCode == query.Prefecture));

        // "Like mine": one government of the case has the kind and lies in both bands asked for.
        var kinds = CaseCodes.KindsOf(query.Kind);
        var pop = CaseCodes.PopulationBands.FirstOrDefault(b => b.Code == query.Population);
        var fiscal = CaseCodes.FiscalBands.FirstOrDefault(b => b.Code == query.Fiscal);
        if (kinds.Length > 0 || pop.Code is not null || fiscal.Code is not null)
        {
            var anyKind = kinds.Length == 0;
            var anyPop = pop.Code is null;
            var anyFiscal = fiscal.Code is null;
            q = q.Where(c => c.Governments.Any(g =>
                (anyKind || kinds.Contains(g.Organization!.Kind))
                && (anyPop || (g.Organization!.Population >= pop.From && g.Organization.Population < pop.To))
                && (anyFiscal || (g.Organization!.FiscalCapacityIndex >= fiscal.From && g.Organization.FiscalCapacityIndex < fiscal.To))));
        }
        return q;
    }

    /// <summary>
    /// Published cases sharing a theme or an obstacle with what a government is working on, those sharing most first
    /// (<see cref="RelatedCaseIndex"/>): shown beside openings, calls, dispatch requests, a case and on an expert's dashboard.
    /// </summary>
    public async Task<List<CaseStudy>> RelatedAsync(RelatedContext context, int take = 3, CancellationToken ct = default)
    {
        var ids = await index.RelatedAsync(context, take, ct);
        if (ids.Count == 0) return [];
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id) && c.Status == CaseStatus.Published)
            .Include(c => c.Governments).ThenInclude(g => g.Organization)
            .AsSplitQuery().ToDictionaryAsync(c => c.Id, ct);
        return ids.Where(cases.ContainsKey).Select(id => cases[id]).ToList();
    }
}
