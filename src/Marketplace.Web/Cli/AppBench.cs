using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Marketplace.Web.Features.Seeding;
using Microsoft.Data.Sqlite;

namespace Marketplace.Web.Cli;

/// <summary>
/// The <c>matching bench-app</c> verb: the recommended-experts page as a user sees it. Starts the app (this executable,
/// its own throwaway SQLite database and port) with the demo data, times the page for 大洲市's
/// staff, stops it, bulk-inserts copies of the visible demo profiles (other homes, pay and availability) up to N
/// experts, starts the app again and times the same page. Prints both medians side by side.
/// </summary>
internal static partial class AppBench
{
    private const string StaffEmail = "ozu@demo.cio-marketplace.jp";
    private const string OpeningTitle = "CDO補佐官（デジタル変革推進）";

    public static async Task<int> RunAsync(int experts, int requests, bool keep)
    {
        if (experts <= 0 || requests <= 0) throw new MatchingCommand.UsageException("--experts and --requests must be at least 1");
        var folder = Path.Combine(Path.GetTempPath(), "mp-bench-app-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "bench.db");
        try
        {
            Progress($"throwaway database {db}");
            var demo = await TimeAppAsync(db, folder, requests, "demo");
            var added = Fill(db, experts);
            var large = await TimeAppAsync(db, folder, requests, $"{experts:N0}");
            Console.WriteLine($"bench-app: GET the recommended-experts page of {StaffEmail}'s opening 「{OpeningTitle}」, Release app in its own process, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"",-22}{"experts",10}{"median",12}{"p90",12}{"min",12}  index ready after");
            Console.WriteLine($"{"demo data",-22}{demo.Experts,10:N0}{demo.Median,10:0.0} ms{demo.P90,10:0.0} ms{demo.Min,10:0.0} ms  {demo.ReadyAfter.TotalSeconds:0.0} s");
            Console.WriteLine($"{"with " + added.ToString("N0", CultureInfo.InvariantCulture) + " copies",-22}{large.Experts,10:N0}{large.Median,10:0.0} ms{large.P90,10:0.0} ms{large.Min,10:0.0} ms  {large.ReadyAfter.TotalSeconds:0.0} s");
            var ratio = large.Median / demo.Median;
            Console.WriteLine($"ratio {ratio:0.00}x (target <= 2x: {(ratio <= 2 ? "met" : "NOT met")}); median at {large.Experts:N0} experts {large.Median:0.0} ms (target < 100 ms: {(large.Median < 100 ? "met" : "NOT met")})");
            Console.WriteLine($"each figure: {requests} requests after 3 warm-up requests, on one keep-alive connection");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep) TryDelete(folder);
            else Progress($"kept {folder}");
        }
    }

    private sealed record Timing(int Experts, double Median, double P90, double Min, TimeSpan ReadyAfter);

    private static async Task<Timing> TimeAppAsync(string db, string folder, int requests, string label)
    {
        var port = FreePort();
        var started = Stopwatch.StartNew();
        using var app = StartApp(db, folder, port);
        try
        {
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromMinutes(2),
            };
            await WaitForHealthAsync(client, app);
            Progress($"{label}: app answers after {started.Elapsed.TotalSeconds:0.0} s");
            await SignInAsync(client);
            var opening = OpeningId(db);
            var url = $"/manage/openings/{opening}/recommendations";
            // Wait until the index is built (the page says so while it builds).
            string html;
            while ((html = await client.GetStringAsync(url)).Contains("id=\"index-building\"", StringComparison.Ordinal))
            {
                if (started.Elapsed > TimeSpan.FromMinutes(10)) throw new IOException("the expert index was not built within 10 minutes");
                await Task.Delay(250);
            }
            var ready = started.Elapsed;
            if (ExpertIds().Matches(html).Count == 0) throw new IOException($"the page listed no experts:\n{html[..Math.Min(html.Length, 2000)]}");
            Progress($"{label}: index ready after {ready.TotalSeconds:0.0} s");
            for (var i = 0; i < 3; i++) await client.GetStringAsync(url);
            var times = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var w = Stopwatch.StartNew();
                var response = await client.GetAsync(url);
                await response.Content.ReadAsStringAsync();
                w.Stop();
                if (response.StatusCode != HttpStatusCode.OK) throw new IOException($"{url} answered {(int)response.StatusCode}");
                times.Add(w.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return new Timing(CountExperts(db), times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.9) - 1], times[0], ready);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
    }

    private static Process StartApp(string db, string folder, int port)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Run through `dotnet Marketplace.Web.dll` when this process is the dotnet host itself.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(AppBench).Assembly.Location);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Development only for start-up: under Production the Release app did not finish starting on this machine (not investigated yet).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Marketplace"] = $"Data Source={db}";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Seed__Demo"] = "true";
        info.Environment["Jobs__Server"] = "false";
        info.Environment["Smtp__Host"] = "";
        info.Environment["Smtp__PickupDirectory"] = Path.Combine(folder, "mail");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Marketplace.Web.Features.Matching"] = "Information";
        var process = Process.Start(info) ?? throw new IOException("could not start the app");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("Expert index", StringComparison.Ordinal)) Progress("app: " + line.Trim()); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Progress("app: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process app)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new IOException($"the app exited with code {app.ExitCode}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new IOException("the app did not answer /health within 5 minutes");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-expert-id=\"(\\d+)\"")]
    private static partial Regex ExpertIds();

    private static async Task SignInAsync(HttpClient client)
    {
        var login = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = StaffEmail, ["Input.Password"] = DemoDataSeeder.Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new IOException($"sign-in as {StaffEmail} answered {(int)response.StatusCode}");
        // The demo staff account has the fixed demo authenticator key (demo mode only): the second step.
        var step = await client.GetStringAsync("/account/two-factor/sign-in");
        var stepToken = WebUtility.HtmlDecode(TokenPattern().Match(step).Groups[1].Value);
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(DemoDataSeeder.AuthenticatorKey)).ComputeTotp();
        response = await client.PostAsync("/account/two-factor/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["__RequestVerificationToken"] = stepToken,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new IOException($"second step as {StaffEmail} answered {(int)response.StatusCode}");
    }

    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection($"Data Source={db}");
        c.Open();
        return c;
    }

    private static long OpeningId(string db)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Id FROM Openings WHERE Title = $t";
        cmd.Parameters.AddWithValue("$t", OpeningTitle);
        return (long)(cmd.ExecuteScalar() ?? throw new IOException($"no opening titled {OpeningTitle}"));
    }

    private static int CountExperts(string db)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM ExpertProfiles WHERE UserId IS NOT NULL AND AnonymizedAt IS NULL";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Bulk-inserts copies of the visible demo experts (account, profile, skills) until there are <paramref name="target"/>
    /// experts: each copy gets another home prefecture, desired pay and availability. One transaction, prepared commands.
    /// </summary>
    private static int Fill(string db, int target)
    {
        var watch = Stopwatch.StartNew();
        using var c = Open(db);
        var existing = CountExperts(db);
        var toAdd = Math.Max(0, target - existing);
        var userCols = Columns(c, "AspNetUsers");
        var profileCols = Columns(c, "ExpertProfiles").Where(col => col != "Id").ToList();
        var skillCols = Columns(c, "ExpertSkills").Where(col => col != "Id").ToList();
        var templates = new List<(Dictionary<string, object?> User, Dictionary<string, object?> Profile, List<Dictionary<string, object?>> Skills)>();
        foreach (var profile in Rows(c, "SELECT * FROM ExpertProfiles WHERE UserId IS NOT NULL AND AnonymizedAt IS NULL AND Visibility = 1 ORDER BY Id"))
        {
            var user = Rows(c, $"SELECT * FROM AspNetUsers WHERE Id = '{profile["UserId"]}'").Single();
            var skills = Rows(c, $"SELECT * FROM ExpertSkills WHERE ExpertProfileId = {profile["Id"]}");
            templates.Add((user, profile, skills));
        }
        if (templates.Count == 0) throw new IOException("no visible demo experts to copy");
        using var tx = c.BeginTransaction();
        using var insertUser = Insert(c, tx, "AspNetUsers", userCols);
        using var insertProfile = Insert(c, tx, "ExpertProfiles", profileCols);
        using var insertSkill = Insert(c, tx, "ExpertSkills", skillCols);
        using var lastId = c.CreateCommand();
        lastId.Transaction = tx;
        lastId.CommandText = "SELECT last_insert_rowid()";
        var random = new Random(15);
        for (var i = 0; i < toAdd; i++)
        {
            var (user, profile, skills) = templates[i % templates.Count];
            var id = Guid.NewGuid().ToString();
            var email = $"bench-{i}@bench.invalid";
            var u = new Dictionary<string, object?>(user)
            {
                ["Id"] = id, ["UserName"] = email, ["NormalizedUserName"] = email.ToUpperInvariant(), ["Email"] = email,
                ["NormalizedEmail"] = email.ToUpperInvariant(), ["SecurityStamp"] = Guid.NewGuid().ToString(), ["ConcurrencyStamp"] = Guid.NewGuid().ToString(),
            };
            Run(insertUser, userCols, u);
            var rate = 25_000 + random.Next(0, 76) * 1_000;
            var p = new Dictionary<string, object?>(profile)
            {
                ["UserId"] = id,
                ["HomePrefectureCode"] = (random.Next(47) + 1).ToString("00", CultureInfo.InvariantCulture),
                ["DesiredDayRateYen"] = rate, ["DesiredPayAmountYen"] = rate, ["DesiredPayUnit"] = 2,
                ["AvailableDaysPerWeek"] = (double)random.Next(1, 6),
                ["MaxOnsiteDaysPerMonth"] = (double)random.Next(0, 13),
            };
            if (p.ContainsKey("Version")) p["Version"] = Guid.NewGuid().ToString().ToUpperInvariant();
            Run(insertProfile, profileCols, p);
            var profileId = (long)lastId.ExecuteScalar()!;
            foreach (var s in skills)
            {
                Run(insertSkill, skillCols, new Dictionary<string, object?>(s) { ["ExpertProfileId"] = profileId });
            }
            if ((i + 1) % 20_000 == 0) Progress($"inserted {i + 1:N0} of {toAdd:N0} experts");
        }
        tx.Commit();
        Progress($"bulk insert: {toAdd:N0} experts (copies of {templates.Count} visible demo profiles) in {watch.Elapsed.TotalSeconds:0.0} s");
        return toAdd;
    }

    private static List<string> Columns(SqliteConnection c, string table) =>
        Rows(c, $"PRAGMA table_info(\"{table}\")").Select(r => (string)r["name"]!).ToList();

    private static List<Dictionary<string, object?>> Rows(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static SqliteCommand Insert(SqliteConnection c, SqliteTransaction tx, string table, List<string> cols)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(",", cols.Select(x => $"\"{x}\""))}) VALUES ({string.Join(",", cols.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < cols.Count; i++) cmd.Parameters.Add(new SqliteParameter($"$p{i}", null));
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, List<string> cols, Dictionary<string, object?> values)
    {
        for (var i = 0; i < cols.Count; i++) cmd.Parameters[i].Value = values.GetValueOrDefault(cols[i]) ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }

    private static void Progress(string message) => CliProgress.Line(message);
}
