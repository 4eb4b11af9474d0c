namespace Marketplace.Web.Features.Cases;

/// <summary>What a related-case lookup starts from: the themes and obstacles at hand, and the government asking.</summary>
public sealed record RelatedContext(IEnumerable<string> Themes, IEnumerable<string> Obstacles, string? PrefectureCode = null,
    OrganizationKind? Kind = null, int? Population = null, int? ExcludeOrganizationId = null, int? ExcludeCaseId = null)
{
    /// <summary>Cases of other governments like <paramref name="asking"/> (same prefecture, kind and size score higher).</summary>
    public static RelatedContext Of(Organization? asking, IEnumerable<string> themes, IEnumerable<string>? obstacles = null) =>
        new(themes, obstacles ?? [], asking?.PrefectureCode, asking?.Kind, asking?.Population, asking?.Id);

    /// <summary>
    /// Cases for the readers of a public posting of <paramref name="poster"/>: those on its themes, cases in the same
    /// prefecture and of governments like it first; the poster's own cases included (an applicant wants to know them).
    /// </summary>
    public static RelatedContext ForPosting(Organization poster, IEnumerable<string> themes) =>
        new(themes, [], poster.PrefectureCode, poster.Kind, poster.Population);
}

/// <summary>
/// The codes of every published case, held in memory with posting lists per theme and obstacle, so that pages showing
/// "cases like this" (openings, calls, dispatch requests, a case, the expert's dashboard) score only the cases that
/// share a code instead of scanning the JSON code lists of every case in the database on each request. The index is
/// rebuilt when the public-content version moves (a case saved on any instance) and the published cases' stamp
/// (count, newest save) differs from the one it was built from.
/// </summary>
public sealed class RelatedCaseIndex(IServiceScopeFactory scopes, PublicContentVersion version, ILogger<RelatedCaseIndex> log)
{
    private sealed record Entry(int Id, string[] Themes, string[] Obstacles, int[] Governments, string[] Prefectures, string[] Sizes, DateTime PublishedAt);

    private sealed record Snapshot(long Version, (int Count, DateTime? Updated, DateTime? Published) Stamp, Entry[] Entries,
        Dictionary<string, int[]> ByTheme, Dictionary<string, int[]> ByObstacle);

    private static readonly Snapshot Empty = new(-1, (-1, null, null), [], [], []);
    private readonly SemaphoreSlim _build = new(1, 1);
    private Snapshot _snapshot = Empty;

    /// <summary>Weights: a shared theme counts most, then an obstacle; the same prefecture or a government of the same kind and size breaks ties.</summary>
    public const int ThemeWeight = 4, ObstacleWeight = 2, PrefectureWeight = 1, SizeWeight = 1;

    /// <summary>Ids of the published cases sharing at least one theme or obstacle with <paramref name="context"/>, best first.</summary>
    public async Task<List<int>> RelatedAsync(RelatedContext context, int take, CancellationToken ct = default)
    {
        var s = await CurrentAsync(ct);
        var scores = new Dictionary<int, int>();
        void Add(Dictionary<string, int[]> postings, IEnumerable<string> codes, int weight)
        {
            foreach (var code in codes.Distinct())
            {
                if (!postings.TryGetValue(code, out var list)) continue;
                foreach (var i in list) scores[i] = scores.GetValueOrDefault(i) + weight;
            }
        }
        Add(s.ByTheme, context.Themes, ThemeWeight);
        Add(s.ByObstacle, context.Obstacles.Select(CaseCodes.FromRequestObstacle), ObstacleWeight);
        var size = SizeKey(context.Kind, context.Population);
        return scores
            .Where(kv => (context.ExcludeOrganizationId is not { } org || !s.Entries[kv.Key].Governments.Contains(org))
                && s.Entries[kv.Key].Id != context.ExcludeCaseId)
            .Select(kv =>
            {
                var e = s.Entries[kv.Key];
                var score = kv.Value
                    + (context.PrefectureCode is { } p && e.Prefectures.Contains(p) ? PrefectureWeight : 0)
                    + (size is not null && e.Sizes.Contains(size) ? SizeWeight : 0);
                return (e, score);
            })
            .OrderByDescending(x => x.score).ThenByDescending(x => x.e.PublishedAt).ThenByDescending(x => x.e.Id)
            .Take(take).Select(x => x.e.Id).ToList();
    }

    /// <summary>"city:50k-200k": the kind group and population band that make two governments alike.</summary>
    private static string? SizeKey(OrganizationKind? kind, int? population) =>
        kind is { } k && CaseCodes.PopulationBandOf(population) is { } band ? CaseCodes.KindGroup(k) + ":" + band : null;

    private async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var v = await version.CurrentAsync(ct);
        var s = Volatile.Read(ref _snapshot);
        if (s.Version == v) return s;
        await _build.WaitAsync(ct);
        try
        {
            s = _snapshot;
            if (s.Version == v) return s;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var published = db.Cases.Where(c => c.Status == CaseStatus.Published);
            // The stamp is one aggregate; most version moves are openings or calls, and then the cases are not reread.
            var stamp = await published.GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Updated = g.Max(c => (DateTime?)c.UpdatedAt), Published = g.Max(c => c.PublishedAt) })
                .FirstOrDefaultAsync(ct);
            var key = (stamp?.Count ?? 0, stamp?.Updated, stamp?.Published);
            if (key == s.Stamp) s = s with { Version = v };
            else
            {
                var started = Environment.TickCount64;
                s = await BuildAsync(db, v, key, ct);
                log.LogInformation("Related-case index built: {Cases} published cases in {Ms} ms", s.Entries.Length, Environment.TickCount64 - started);
            }
            Volatile.Write(ref _snapshot, s);
            return s;
        }
        finally
        {
            _build.Release();
        }
    }

    private static async Task<Snapshot> BuildAsync(MarketplaceDbContext db, long v, (int, DateTime?, DateTime?) stamp, CancellationToken ct)
    {
        var rows = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.Themes, c.Obstacles, c.PublishedAt })
            .ToListAsync(ct);
        var governments = (await db.CaseGovernments.AsNoTracking()
                .Where(g => db.Cases.Any(c => c.Id == g.CaseId && c.Status == CaseStatus.Published))
                .Select(g => new { g.CaseId, g.OrganizationId, g.Organization!.PrefectureCode, g.Organization.Kind, g.Organization.Population })
                .ToListAsync(ct))
            .ToLookup(g => g.CaseId);
        var entries = rows.Select(r =>
        {
            var govs = governments[r.Id].ToList();
            return new Entry(r.Id, [.. r.Themes.Distinct()], [.. r.Obstacles.Distinct()], [.. govs.Select(g => g.OrganizationId)],
                [.. govs.Select(g => g.PrefectureCode).Distinct()],
                [.. govs.Select(g => SizeKey(g.Kind, g.Population)).OfType<string>().Distinct()], r.PublishedAt ?? DateTime.MinValue);
        }).ToArray();
        static Dictionary<string, int[]> Postings(Entry[] entries, Func<Entry, string[]> codes) =>
            entries.SelectMany((e, i) => codes(e).Select(code => (code, i)))
                .GroupBy(x => x.code).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        return new Snapshot(v, stamp, entries, Postings(entries, e => e.Themes), Postings(entries, e => e.Obstacles));
    }
}
