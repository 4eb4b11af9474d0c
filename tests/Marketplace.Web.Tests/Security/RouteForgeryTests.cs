using System.Diagnostics;
using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Issue 16, the forged writes: every POST handler of every route of the running app, with real ids of each party's
/// data and ids that do not exist, posted to (with the poster's own valid antiforgery token and the form fields the
/// rightful user's page holds) by every party that must not change it. Fails on any party's private marker in a
/// response to a party it does not concern, on a 2xx answer to a party the table says must not post, on any change to
/// the database (SQLite triggers count the rows written), on a forged POST ending someone's session, and on any 5xx.
/// The reads are <see cref="RouteRoleTests"/>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RouteForgeryTests(AttackWorld w, ITestOutputHelper output) : IClassFixture<AttackWorld>
{
    [SqliteOnlyFact]
    public async Task EveryRoute_ForgedPosts_NoLeakNoChange()
    {
        var clock = Stopwatch.StartNew();
        var routes = await RouteCatalog.ReadAsync(w.Factory);
        var table = RouteAccessTable.Build(w).ToDictionary(r => r.Pattern, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        var tokens = new Dictionary<Party, string>();
        var posts = 0;
        var snapshotTime = TimeSpan.Zero;

        foreach (var route in routes)
        {
            if (!table.TryGetValue(route.Pattern, out var rule)) continue; // RouteRoleTests fails on it
            if (!route.Posts.Any()) continue;
            var snap = Stopwatch.StartNew();
            var before = w.Snapshot();
            snapshotTime += snap.Elapsed;
            var tried = new List<string>();
            foreach (var handler in route.Posts)
            {
                foreach (var target in rule.Targets)
                {
                    var path = route.Path(target.Values);
                    var form = await RouteRoleTests.PlausibleFormAsync(w, rule, route, handler, target, path);
                    var posters = RouteRoleTests.Parties.Where(p => !rule.MayWrite(p, target)).ToList();
                    foreach (var party in posters.Where(p => !tokens.ContainsKey(p)))
                    {
                        tokens[party] = await w.Clients[party].TokenAsync(party == Party.Anonymous ? "/account/login" : "/");
                    }
                    var answers = await Task.WhenAll(posters.Select(async party =>
                    {
                        var response = await w.Clients[party].PostAsync(handler.Url(path), new FormUrlEncodedContent([.. form, new("__RequestVerificationToken", tokens[party])]));
                        return (party, status: (int)response.StatusCode, body: await RouteRoleTests.BodyAsync(response));
                    }));
                    foreach (var (party, status, body) in answers)
                    {
                        posts++;
                        RouteRoleTests.CheckLeaks(w, party, "POST " + handler.Url(path), body, failures);
                        if (status >= 500) failures.Add($"POST {handler.Url(path)} as {party}: {status}");
                        else if (status is >= 200 and < 300 && !rule.SecretLink) failures.Add($"POST {handler.Url(path)} as {party} ({target.Label}): {status}, but the table says only {RouteRoleTests.Who(rule.Write, target)} may post it");
                        tried.Add($"{handler} as {party} on {target.Label}");
                    }
                }
            }
            if (tried.Count == 0) continue;
            // No forged POST may end someone's session either.
            foreach (var (party, page) in new[] { (Party.ExpertA, "/profile"), (Party.VendorA, "/vendor"), (Party.GovA, "/manage/openings"), (Party.Office, "/admin/organizations") })
            {
                var still = await w.Clients[party].GetAsync(page);
                if (still.StatusCode != HttpStatusCode.OK) failures.Add($"after the POSTs to {route.Pattern}: {party} gets {(int)still.StatusCode} {still.Headers.Location} on {page}");
            }
            var changed = AttackWorld.Changed(before, w.Snapshot()).ToList();
            if (changed.Count > 0) failures.Add($"POSTs to {route.Pattern} ({string.Join(", ", route.Posts)}; {tried.Count} requests by parties that must not change it, e.g. {tried[0]}) wrote to {string.Join(", ", changed)}");
        }
        output.WriteLine($"{routes.Count} routes: {posts} forged POSTs, {w.Markers.Count} markers, {clock.Elapsed.TotalSeconds:F1} s ({snapshotTime.TotalSeconds * 2:F1} s of it reading the write counters)");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(posts > 300, $"Too little was tried: {posts} POSTs");
    }
}
