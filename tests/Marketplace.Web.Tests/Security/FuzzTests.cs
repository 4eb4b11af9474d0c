using System.Diagnostics;
using System.Text;
using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Issue 16, the fuzzing kept as a test: every query parameter of every page and endpoint, and every field of every POST
/// handler (what model binding reads, plus the fields of the form on the page), sent hostile and malformed values by a
/// party the route serves, with a fixed seed and a fixed number of requests per handler (each field gets a hostile
/// value in at least one). Fails on any 5xx and on any HTML payload echoed unescaped into an HTML page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FuzzTests(AttackWorld w, ITestOutputHelper output) : IClassFixture<AttackWorld>
{
    private const int Seed = 16;
    private const int RequestsPerHandler = 2;

    /// <summary>About what each half sends today (176 GETs, 254 POSTs), less a margin, so that a walk that lost its routes fails.</summary>
    private const int GetsAtLeast = 150, PostsAtLeast = 220;

    /// <summary>Payloads whose raw appearance in HTML means they were not escaped.</summary>
    private static readonly string[] HtmlPayloads = ["<script>alert('ZQXFUZZ1')</script>", "\"><img src=x onerror=ZQXFUZZ2>", "'><svg onload=ZQXFUZZ3>"];

    /// <summary>Values as typed (encoded by the test) and, after "raw:", as sent on the wire (already percent-encoded).</summary>
    private static readonly string[] Payloads =
    [
        new string('長', 5_000), new string('9', 400), "", " ", "\u0000", "a\u0001\u0007\u001b[31mb", "raw:%00", "raw:%FF%FE", "raw:%ED%A0%80", "raw:%",
        "１２３４５", "－１", "１．５", "-1", "-2147483649", "2147483648", "99999999999999999999999999", "1e309", "NaN", "-0", "0x1F",
        "2026-02-30", "0000-00-00", "9999-12-31T99:99", "2026/13/01", "令和99年", "\u202Eevil\u202C", "\u200B\uFEFF", "😀👨‍👩‍👧",
        "' OR 1=1 --", "1; DROP TABLE \"Openings\"; --", "%27%22", "../../../etc/passwd", "{{7*7}}", "${7*7}", "true", "null", "[]", "{\"a\":1}",
        "=cmd|' /C calc'!A0", "javascript:alert(1)", "//evil.example/", "/\\evil.example", .. HtmlPayloads,
    ];

    /// <summary>Handlers that would end the fuzzing party's own session or account; they are fuzzed as a stranger instead.</summary>
    private static readonly string[] SelfDestructive = ["/account/logout", "/account/data", "/account/sessions", "/account/two-factor", "/account/two-factor/enable", "/account/password", "/account/email"];

    [SqliteOnlyFact]
    public Task EveryQuery_HostileValues_NoServerErrorNoUnescapedEcho() => FuzzAsync(w, output, posts: false);

    /// <summary>
    /// Walks every handler in the same order with the same random sequence whichever half it sends (the query strings
    /// of GETs, or the forms of POSTs, <see cref="FormFuzzTests"/>), so each request is the one the whole walk would send.
    /// </summary>
    internal static async Task FuzzAsync(AttackWorld w, ITestOutputHelper output, bool posts)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        var routes = await RouteCatalog.ReadAsync(w.Factory);
        var table = RouteAccessTable.Build(w).ToDictionary(r => r.Pattern, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        var tokens = new Dictionary<Party, string>();
        int requests = 0, fields = 0;
        var slowest = new List<(TimeSpan Took, string What)>();
        foreach (var route in routes)
        {
            if (!table.TryGetValue(route.Pattern, out var rule)) continue; // RouteRoleTests fails on it
            var target = rule.Targets.FirstOrDefault(t => t.Owners is not []) ?? rule.Targets[0];
            var path = route.Path(target.Values);
            foreach (var handler in route.Handlers)
            {
                var isPost = handler.Method == "POST";
                var access = isPost ? rule.Write : rule.Read;
                var party = target.Owners is { Length: > 0 } o ? o[0]
                    : access.Roles.Contains(Role.Anonymous) && !rule.SecretLink ? Party.Anonymous
                    : Enum.GetValues<Party>().FirstOrDefault(p => p != Party.Anonymous && access.Allows(p), Party.Anonymous);
                if (SelfDestructive.Contains(route.Pattern) && isPost) party = Party.Anonymous;
                var client = w.Clients[party];
                var baseline = handler.Fields.Select(f => new KeyValuePair<string, string>(f.Name, RouteRoleTests.Plausible(f.Name, f.Type, target))).ToList();
                if (isPost && route.IsPage && party != Party.Anonymous)
                {
                    var page = await client.GetAsync(path);
                    if (page.IsSuccessStatusCode && RouteCatalog.Forms(await page.Content.ReadAsStringAsync(), path).TryGetValue(handler.Name ?? "", out var form))
                    {
                        baseline = [.. baseline.Where(b => form.All(f => !string.Equals(f.Key, b.Key, StringComparison.OrdinalIgnoreCase))), .. form];
                    }
                }
                if (baseline.Count == 0 && !isPost) continue; // nothing to fuzz on a GET without parameters
                var send = isPost == posts;
                if (send) fields += baseline.Count;
                for (var i = 0; i < RequestsPerHandler; i++)
                {
                    var sent = Mutate(baseline, random, i);
                    if (!send) continue;
                    HttpResponseMessage response;
                    var watch = Stopwatch.StartNew();
                    var url = handler.Url(path);
                    if (isPost)
                    {
                        if (!tokens.TryGetValue(party, out var token)) tokens[party] = token = await client.TokenAsync(party == Party.Anonymous ? "/account/login" : "/");
                        var body = Encode([.. sent, new("__RequestVerificationToken", token)]);
                        response = await client.PostAsync(url, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
                    }
                    else
                    {
                        response = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + Encode(sent));
                    }
                    requests++;
                    var took = watch.Elapsed;
                    slowest.Add((took, $"{handler.Method} {url}"));
                    var status = (int)response.StatusCode;
                    var what = $"{handler.Method} {url} as {party} with {Describe(sent, baseline)}";
                    if (status >= 500) failures.Add($"{what}: {status}");
                    if (response.Content.Headers.ContentType?.MediaType == "text/html")
                    {
                        var html = await response.Content.ReadAsStringAsync();
                        foreach (var payload in HtmlPayloads.Where(p => html.Contains(p, StringComparison.Ordinal))) failures.Add($"{what}: echoes {payload} unescaped");
                    }
                }
            }
        }
        output.WriteLine($"{routes.Count} routes: {requests} fuzzed {(posts ? "POSTs" : "GETs")} over {fields} fields (seed {Seed}), {clock.Elapsed.TotalSeconds:F1} s, " +
            $"{slowest.Sum(s => s.Took.TotalSeconds):F1} s of it in the fuzzed requests; slowest: " +
            string.Join(", ", slowest.OrderByDescending(s => s.Took).Take(8).Select(s => $"{s.What} {s.Took.TotalMilliseconds:F0} ms")));
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(requests > (posts ? PostsAtLeast : GetsAtLeast), $"Too little was tried: {requests} requests");
    }

    /// <summary>
    /// Request <paramref name="round"/> of a handler gives a payload to every field whose index falls to it (so each
    /// field gets one in each handler's requests) and to others at random; now and then a field is sent twice or
    /// dropped, or an unknown one added.
    /// </summary>
    private static List<KeyValuePair<string, string>> Mutate(List<KeyValuePair<string, string>> baseline, Random random, int round)
    {
        var sent = new List<KeyValuePair<string, string>>();
        for (var j = 0; j < baseline.Count; j++)
        {
            var field = baseline[j];
            var roll = random.NextDouble();
            if (j % RequestsPerHandler != round && roll < 0.05) continue;
            if (j % RequestsPerHandler == round || roll < 0.4) sent.Add(new(field.Key, Payloads[random.Next(Payloads.Length)]));
            else sent.Add(field);
            if (random.NextDouble() < 0.1) sent.Add(new(field.Key, Payloads[random.Next(Payloads.Length)])); // duplicated key
        }
        if (random.NextDouble() < 0.2) sent.Add(new("handler", Payloads[random.Next(Payloads.Length)]));
        if (random.NextDouble() < 0.2) sent.Add(new("Input[0].x." + new string('a', 300), "1"));
        if (sent.Count == 0) sent.Add(new("q", Payloads[random.Next(Payloads.Length)]));
        return sent;
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + (f.Value.StartsWith("raw:", StringComparison.Ordinal) ? f.Value[4..] : Uri.EscapeDataString(f.Value))));

    private static string Describe(List<KeyValuePair<string, string>> sent, List<KeyValuePair<string, string>> baseline) =>
        string.Join(", ", sent.Where(s => !baseline.Contains(s)).Select(s => $"{s.Key}={(s.Value.Length > 40 ? s.Value[..40] + "…" : s.Value)}").Take(6));
}
