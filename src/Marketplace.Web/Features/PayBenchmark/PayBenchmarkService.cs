using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.PayBenchmark;

/// <summary>
/// The pay benchmark: the distribution of public day rates, kept in memory as one snapshot per public-content
/// version (<see cref="PublicContentVersion"/>), so a page or an API call reads no postings. A save that changes
/// public content moves the version; the next reader rebuilds the snapshot (one query over openings, one over calls)
/// while others keep reading the previous one.
///
/// What counts: openings that were published (published or closed, recorded appointments included) with a stated
/// amount, at the day rate the opening shows (<see cref="Opening.DayRateYen"/>); calls for proposals that were published
/// (open or awarded; never drafts or cancelled ones), at the awarded amount once awarded, else at the ceiling. Where the
/// workload is not stated the rate shows a range; the benchmark counts the posting once, at the rate of the middle of
/// that range (the single figure the search sorts by), in the band "not stated", so a guessed workload never moves a
/// posting into a band it did not state. A call's amount pays a team at an unstated load between its required on-site
/// presence and five person-days a week: it counts at the middle of that range, under the role its first named role
/// is (「CIO補佐官」 → CIO補佐官), as outsourced work, in the band "not stated".
/// </summary>
public sealed class PayBenchmarkService(IServiceScopeFactory scopes, PublicContentVersion version, TaxonomyCatalog taxonomy, TimeProvider clock, IStringLocalizer<SharedResource> t, ILogger<PayBenchmarkService> log)
{
    private static readonly PayDistribution None = new([], long.MinValue, DateTime.MinValue);
    private PayDistribution _current = None;
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    /// <summary>How long the last rebuild took (for the benchmark's own figures).</summary>
    public TimeSpan LastBuildTime { get; private set; }

    public async Task<PayDistribution> CurrentAsync(CancellationToken ct = default)
    {
        var wanted = await version.CurrentAsync(ct);
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.Version == wanted) return snapshot;
        // Someone is already rebuilding: the figures a moment old serve meanwhile (never on the very first read).
        if (!ReferenceEquals(snapshot, None) && !await _rebuild.WaitAsync(0, ct)) return snapshot;
        if (ReferenceEquals(snapshot, None)) await _rebuild.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _current).Version != wanted) Volatile.Write(ref _current, await BuildAsync(wanted, ct));
            return Volatile.Read(ref _current);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private async Task<PayDistribution> BuildAsync(long atVersion, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var openings = await db.Openings.AsNoTracking()
            .Where(o => (o.Status == OpeningStatus.Published || o.Status == OpeningStatus.Closed) && o.PublishedAt != null && !o.PayNotStated && o.DayRateYen > 0)
            .Select(o => new { o.RoleCode, o.EngagementCode, o.DaysPerWeek, o.DaysPerWeekNotStated, o.DayRateYen })
            .ToListAsync(ct);
        var points = new List<PayPoint>(openings.Count);
        points.AddRange(openings.Select(o => new PayPoint(o.RoleCode, o.EngagementCode, WorkloadBands.Of(o.DaysPerWeek, o.DaysPerWeekNotStated), o.DayRateYen)));

        var calls = await db.ProposalCalls.AsNoTracking()
            .Where(c => (c.Status == CallStatus.Published || c.Status == CallStatus.Awarded) && c.PublishedAt != null)
            .Select(c => new
            {
                c.CeilingYen, c.CeilingTaxIncluded, c.ContractAmountYen, c.Status, c.ContractStart, c.ContractEnd, c.OnsiteDaysPerWeek,
                FirstRole = c.Roles.OrderBy(r => r.SortOrder).Select(r => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var roleByName = RoleByName();
        foreach (var c in calls)
        {
            var amount = c.Status == CallStatus.Awarded && c.ContractAmountYen is { } awarded ? awarded : c.CeilingYen;
            if (amount <= 0) continue;
            var rate = CallDayRate(amount, c.CeilingTaxIncluded, CallDisplay.Months(new ProposalCall { ContractStart = c.ContractStart, ContractEnd = c.ContractEnd }), c.OnsiteDaysPerWeek);
            var role = c.FirstRole is { } name && roleByName.TryGetValue(name.Trim(), out var code) ? code : "other";
            points.Add(new PayPoint(role, OpeningSearch.OutsourcedCode, WorkloadBands.NotStated, rate));
        }
        var built = new PayDistribution(points, atVersion, clock.GetUtcNow().UtcDateTime);
        LastBuildTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        log.LogInformation("Pay benchmark built from {Postings} postings ({Openings} openings, {Calls} calls) in {Milliseconds:0} ms", points.Count, openings.Count, calls.Count, LastBuildTime.TotalMilliseconds);
        return built;
    }

    /// <summary>A call's amount as a day rate at the middle of the loads it may mean (see <see cref="ComparablePay.CallEquivalent"/>).</summary>
    public static long CallDayRate(long amountYen, bool taxIncluded, int months, double requiredDaysPerWeek)
    {
        var range = ComparablePay.CallEquivalent(amountYen, taxIncluded, months, requiredDaysPerWeek);
        return ComparablePay.Compute(new PostedPay(amountYen, PostedPayUnit.ContractTotal, range.Workload.AssumedDaysPerWeek, months, taxIncluded)).DayRateYen;
    }

    private Dictionary<string, string> RoleByName()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in taxonomy.Roles.Where(r => r.Code != "other"))
        {
            foreach (var name in OpeningSearch.RoleNames(taxonomy, role.Code)) map.TryAdd(name, role.Code);
        }
        return map;
    }

    /// <summary>Where a saved opening's day rate stands; null when it states no pay.</summary>
    public async Task<PayPosition?> PositionOfAsync(Opening o, CancellationToken ct = default)
    {
        if (o.PayNotStated || o.DayRateYen <= 0) return null;
        return Position(await CurrentAsync(ct), o.RoleCode, o.EngagementCode, WorkloadBands.Of(o.DaysPerWeek, o.DaysPerWeekNotStated), o.DayRateYen);
    }

    /// <summary>
    /// Where the pay being typed into the opening form would stand: the day rate is computed exactly as saving the
    /// opening computes it; null until role, form, amount and unit (and days, unless not stated) can be read.
    /// </summary>
    public async Task<PayPosition?> PositionOfAsync(PayQuery q, CancellationToken ct = default)
    {
        if (Read(q) is not { } read) return null;
        return Position(await CurrentAsync(ct), q.Role!, q.Engagement!, read.Band, read.DayRateYen);
    }

    public static PayPosition Position(PayDistribution d, string role, string engagement, string band, long dayRateYen)
    {
        var group = d.ComparableGroup(role, engagement, band);
        return new PayPosition(dayRateYen, group, group?.RankOf(dayRateYen) ?? 0, group?.CountBelow(dayRateYen) ?? 0);
    }

    /// <summary>The day rate and workload band the typed pay means, as <see cref="OpeningService"/> would store them.</summary>
    public (long DayRateYen, string Band)? Read(PayQuery q)
    {
        if (q.PayNotStated == true || !TaxonomyCatalog.Contains(taxonomy.Roles, q.Role) || !TaxonomyCatalog.Contains(taxonomy.Engagements, q.Engagement)) return null;
        if (!JapaneseAmount.TryParse(q.PayAmount, out var amount) || amount.Value <= 0) return null;
        if (!Enum.TryParse<PayUnit>(q.PayUnit, out var unit) || !Enum.IsDefined(unit)) return null;
        if (unit == PayUnit.ContractTotal && q.Engagement != OpeningSearch.OutsourcedCode) return null;
        var workload = ComparablePay.PlausibleWorkload(q.Engagement!);
        double days;
        if (q.DaysPerWeekNotStated == true) days = workload.AssumedDaysPerWeek;
        else if (ReadDays(q.DaysPerWeek) is { } typed) days = typed;
        else return null;
        var months = JapaneseAmount.TryParseMonths(q.FirstTermMonths, out var m) && m.Value is >= 1 and <= 120 ? (int)m.Value : 0;
        if (unit == PayUnit.ContractTotal && months == 0) return null;
        try
        {
            var figures = ComparablePay.Compute(new PostedPay(amount.Value, OpeningService.ToPostedUnit(unit), days, Math.Max(1, months), q.PayTaxIncluded == true && unit == PayUnit.ContractTotal));
            return figures.DayRateYen > 0 ? (figures.DayRateYen, WorkloadBands.Of(days, q.DaysPerWeekNotStated == true)) : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private double? ReadDays(string? text) => new NumberFields(t, []).Days("d", text, "d", 0.5, 5, required: true)?.Value;
}

/// <summary>The pay fields of the opening form, as the form's script sends them (an absent box is unticked).</summary>
public sealed record PayQuery
{
    public string? Role { get; init; }
    public string? Engagement { get; init; }
    public string? PayAmount { get; init; }
    public string? PayUnit { get; init; }
    public bool? PayNotStated { get; init; }
    public bool? PayTaxIncluded { get; init; }
    public string? DaysPerWeek { get; init; }
    public bool? DaysPerWeekNotStated { get; init; }
    public string? FirstTermMonths { get; init; }

    public static PayQuery From(OpeningInput i) => new()
    {
        Role = i.RoleCode, Engagement = i.EngagementCode, PayAmount = i.PayAmount, PayUnit = i.PayUnit, PayNotStated = i.PayNotStated,
        PayTaxIncluded = i.PayTaxIncluded, DaysPerWeek = i.DaysPerWeek, DaysPerWeekNotStated = i.DaysPerWeekNotStated, FirstTermMonths = i.FirstTermMonths,
    };
}

/// <summary>A day rate against its comparable group: null <see cref="Group"/> when no group is large enough to show.</summary>
public sealed record PayPosition(long DayRateYen, PayGroup? Group, int Percentile, int Below);
