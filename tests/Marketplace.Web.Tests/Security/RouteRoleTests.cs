using System.Diagnostics;
using System.Globalization;
using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Security;

/// <summary>Runs in the SQLite pass only: which party may do what does not depend on the database.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (!AttackWorld.Runs) Skip = "Provider-independent; runs once, in the SQLite pass.";
    }
}

/// <summary>
/// Issue 16, the attack kept as a test: every route of the running app (read from its endpoints, Razor pages with each
/// handler and minimal-API endpoints), with real ids of each party's data and ids that do not exist, read (GET) by
/// every party. Fails on any party's private marker in a response to a party it does not concern, on a page answering
/// a party the table says it must not answer, on any 5xx, and on any route the table does not classify. The forged
/// POSTs are <see cref="RouteForgeryTests"/>, on an attack world of their own so that the two run side by side.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RouteRoleTests(AttackWorld w, ITestOutputHelper output) : IClassFixture<AttackWorld>
{
    internal static readonly Party[] Parties = Enum.GetValues<Party>();

    [SqliteOnlyFact]
    public async Task EveryRoute_IsClassified()
    {
        var routes = await RouteCatalog.ReadAsync(w.Factory);
        var table = RouteAccessTable.Build(w).ToDictionary(r => r.Pattern, StringComparer.OrdinalIgnoreCase);
        var unlisted = routes.Where(r => !table.ContainsKey(r.Pattern)).Select(r => r.Pattern).ToList();
        Assert.True(unlisted.Count == 0,
            $"Routes without an expected access: {string.Join(", ", unlisted)}. Classify each in RouteAccessTable (public, signed-in, role, owner) so RouteRoleTests tries it as every party.");
        var stale = table.Keys.Where(p => routes.All(r => !string.Equals(r.Pattern, p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(stale.Count == 0, $"RouteAccessTable lists routes the app no longer has: {string.Join(", ", stale)}");
    }

    [SqliteOnlyFact]
    public async Task EveryRoute_EveryParty_ReadsNoLeak()
    {
        var clock = Stopwatch.StartNew();
        var routes = await RouteCatalog.ReadAsync(w.Factory);
        var table = RouteAccessTable.Build(w).ToDictionary(r => r.Pattern, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        var gets = 0;

        foreach (var route in routes)
        {
            if (!table.TryGetValue(route.Pattern, out var rule))
            {
                failures.Add($"{route.Pattern}: not classified in RouteAccessTable");
                continue;
            }
            var readable = false;
            foreach (var target in rule.Targets)
            {
                var path = route.Path(target.Values);
                foreach (var handler in route.Gets)
                {
                    var url = handler.Url(path);
                    var answers = await Task.WhenAll(Parties.Select(async party =>
                    {
                        var response = await w.Clients[party].GetAsync(url);
                        return (party, status: (int)response.StatusCode, body: await BodyAsync(response));
                    }));
                    foreach (var (party, status, body) in answers)
                    {
                        gets++;
                        CheckLeaks(w, party, "GET " + url, body, failures);
                        if (status >= 500) failures.Add($"GET {url} as {party}: {status}");
                        else if (rule.MayRead(party, target)) readable |= status == 200 && handler.Name is null;
                        else if (status is >= 200 and < 300) failures.Add($"GET {url} as {party} ({target.Label}): {status}, but the table says only {Who(rule.Read, target)} may read it");
                    }
                }
            }
            if (!readable && route.Gets.Any() && !rule.NoReadableTarget && rule.Targets.Any(t => t.Owners is not [])) failures.Add($"{route.Pattern}: no party the table allows got a 200 on GET (wrong ids in the table, or mark it NoReadableTarget)");
        }
        output.WriteLine($"{routes.Count} routes × {Parties.Length} parties: {gets} GETs, {w.Markers.Count} markers, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(gets > 1000, $"Too little was tried: {gets} GETs");
    }

    internal static string Who(Access access, Target target) =>
        target.Owners is null ? access.Name : target.Owners.Length == 0 ? "nobody" : string.Join("/", target.Owners);

    internal static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return System.Text.Encoding.UTF8.GetString(bytes) + response.Headers.Location;
    }

    internal static void CheckLeaks(AttackWorld w, Party party, string what, string body, List<string> failures)
    {
        foreach (var (marker, mayRead) in w.Markers)
        {
            if (!mayRead.Contains(party) && body.Contains(marker, StringComparison.Ordinal)) failures.Add($"{what} as {party}: shows {marker}, private to {string.Join("/", mayRead)}");
        }
    }

    /// <summary>
    /// The fields a rightful user would send: the form of that handler on the page as its owner (or anyone the table
    /// allows) sees it, over a value for every field model binding reads (the route's ids for ids).
    /// </summary>
    internal static async Task<List<KeyValuePair<string, string>>> PlausibleFormAsync(AttackWorld w, AccessRule rule, AppRoute route, RouteHandler handler, Target target, string path)
    {
        var fields = handler.Fields.ToDictionary(f => f.Name, f => Plausible(f.Name, f.Type, target), StringComparer.OrdinalIgnoreCase);
        var owner = target.Owners is { Length: > 0 } o ? o[0] : Parties.FirstOrDefault(p => p != Party.Anonymous && rule.Write.Allows(p) && rule.Read.Allows(p), Party.Anonymous);
        if (route.IsPage && rule.MayRead(owner, target))
        {
            var page = await w.Clients[owner].GetAsync(path);
            if (page.StatusCode == HttpStatusCode.OK && RouteCatalog.Forms(await page.Content.ReadAsStringAsync(), path).TryGetValue(handler.Name ?? "", out var form))
            {
                foreach (var group in form.GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
                {
                    // An empty box gets what a user would type, so that a broken check would let the write through.
                    var value = group.First().Value;
                    var secret = group.Key.Contains("token", StringComparison.OrdinalIgnoreCase) || group.Key.Contains("version", StringComparison.OrdinalIgnoreCase);
                    fields[group.Key] = value.Length > 0 || secret ? value : fields.GetValueOrDefault(group.Key) ?? "試験の入力";
                }
            }
        }
        return fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
    }

    internal static string Plausible(string name, Type type, Target target)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var last = name.Split('.').Last();
        if (type == typeof(int) || type == typeof(long))
        {
            return target.Values.TryGetValue(last, out var v) ? v : target.Values.GetValueOrDefault("id", "1");
        }
        if (type == typeof(bool)) return "true";
        if (type == typeof(decimal) || type == typeof(double)) return "1";
        if (type == typeof(DateOnly) || type == typeof(DateTime)) return "2027-04-01";
        if (type.IsEnum) return Enum.GetNames(type)[0];
        if (last.Contains("token", StringComparison.OrdinalIgnoreCase) || last.Contains("version", StringComparison.OrdinalIgnoreCase)) return Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        if (last.Contains("email", StringComparison.OrdinalIgnoreCase)) return "attacker@example.jp";
        if (last.Contains("date", StringComparison.OrdinalIgnoreCase) || last.Contains("deadline", StringComparison.OrdinalIgnoreCase)) return "2027-04-01";
        return target.Values.TryGetValue(last, out var s) ? s : "試験 " + last.ToString(CultureInfo.InvariantCulture);
    }
}
