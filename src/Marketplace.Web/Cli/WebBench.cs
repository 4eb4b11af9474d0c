using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Web.Cli;

/// <summary>
/// <c>bench web --postings N</c>: a throwaway SQLite database filled with N realistic postings, the app started
/// twice from this same build on a free loopback port (output cache on, then off), each path driven by concurrent
/// requests for a fixed time, and req/s, p50 and p99 printed side by side with each path's ratio to the
/// stylesheet served by the same process in the same run. Everything it creates is deleted at the end.
/// </summary>
public static class WebBench
{
    /// <summary><c>bench web</c>; <c>bench</c> alone only lists it.</summary>
    public static Command Build()
    {
        var postings = CliOptions.Required<int>("--postings", "N", "postings in the throwaway database (copies of the demo postings with other titles, governments and pay)");
        var duration = CliOptions.Int("--duration", 10, "seconds each path is driven", "SECONDS");
        var connections = CliOptions.Int("--connections", 32, "concurrent connections", "C");
        var warmup = CliOptions.Int("--warmup", 2, "seconds of warm-up before each path", "SECONDS");
        foreach (var option in new[] { postings, duration, connections, warmup }) CliOptions.AtLeast(option, 1);
        var keep = new Option<bool>("--keep") { Description = "leave the temporary folder (database) in place and print its path" };
        var reuse = new Option<string>("--reuse")
        {
            HelpName = "FOLDER",
            Description = "measure again a folder kept by --keep (N as when it was made), without creating anything, and leave it in place",
        };
        var web = new Command("web",
            "Creates a throwaway database with N postings, starts the app on a free loopback port, and measures the static stylesheet, " +
            "a keyword search, a filtered search and an opening page with the output cache on and off.")
            { postings, duration, connections, warmup, keep, reuse };
        web.SetAction((r, _) => CliOptions.Run("bench web", _ =>
            RunAsync(r.GetValue(postings), r.GetValue(duration), r.GetValue(connections), r.GetValue(warmup), r.GetValue(keep), r.GetValue(reuse)), times: false));
        return new Command("bench", "Benchmarks of the web app.") { web };
    }

    private static async Task<int> RunAsync(int postings, int seconds, int connections, int warmup, bool keep, string? reuse)
    {
        keep |= reuse is not null;
        var folder = reuse ?? Path.Combine(Path.GetTempPath(), "marketplace-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            Progress($"database {connectionString}");
            BenchSummary summary;
            if (reuse is not null)
            {
                summary = await BenchPostings.SummariseAsync(connectionString);
            }
            else
            {
                // The app itself creates the schema and the demo data, exactly as on a first start.
                await using (var init = await AppProcess.StartAsync(folder, connectionString, outputCache: true))
                {
                    Progress($"schema and demo data ready ({init.BaseUrl})");
                }
                var sw = Stopwatch.StartNew();
                summary = await BenchPostings.FillAsync(connectionString, postings);
                Progress($"{summary} in {sw.Elapsed.TotalSeconds:0.0} s");
            }

            var paths = new (string Label, string Path)[]
            {
                ("static /css/site.css", "/css/site.css"),
                ("keyword search", "/openings?q=補佐官&sort=day_rate"),
                ("filtered search", "/openings?prefecture=27&min_day_rate=30000&page=3"),
                ("opening page", $"/openings/{summary.SampleOpeningId}"),
                ("pay benchmark page", "/pay-benchmark?role=cio_advisor&by=band"),
                ("pay position API", "/api/pay-benchmark/position?role=cio_advisor&engagement=part_time_appointee&payAmount=300000&payUnit=Month&daysPerWeek=2"),
            };
            var results = new Dictionary<bool, List<Measurement>>();
            foreach (var cached in new[] { true, false })
            {
                await using var app = await AppProcess.StartAsync(folder, connectionString, outputCache: cached);
                Progress($"output cache {(cached ? "on" : "off")}: {app.BaseUrl}");
                var list = new List<Measurement>();
                foreach (var (label, path) in paths)
                {
                    var m = await Load.RunAsync(app.BaseUrl + path, connections, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
                    Progress($"  {label}: {m.RequestsPerSecond:0} req/s, p50 {m.P50Ms:0.0} ms, p99 {m.P99Ms:0.0} ms, {m.Errors} errors");
                    list.Add(m);
                }
                results[cached] = list;
            }
            Console.WriteLine(Table(postings, summary, connections, seconds, paths.Select(p => p.Label + "  " + p.Path).ToList(), results));
            return results.Values.SelectMany(v => v).Any(m => m.Errors > 0 || m.Requests == 0) ? 1 : 0;
        }
        finally
        {
            if (keep) Progress($"kept {folder}");
            else TryDelete(folder);
        }
    }

    private static string Table(int postings, BenchSummary summary, int connections, int seconds, List<string> labels, Dictionary<bool, List<Measurement>> r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine(inv, $"bench web: {postings:N0} postings ({summary}), {connections} connections, {seconds} s per path, SQLite, Release");
        sb.AppendLine();
        sb.AppendLine("| path | cached req/s | p50 ms | p99 ms | × static | uncached req/s | p50 ms | p99 ms | × static |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < labels.Count; i++)
        {
            sb.Append(inv, $"| `{labels[i]}` ");
            foreach (var cached in new[] { true, false })
            {
                var m = r[cached][i];
                var ratio = m.RequestsPerSecond / r[cached][0].RequestsPerSecond;
                sb.Append(inv, $"| {m.RequestsPerSecond:0} | {m.P50Ms:0.0} | {m.P99Ms:0.0} | {ratio:0.00} ");
            }
            sb.AppendLine("|");
        }
        return sb.ToString();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Progress($"could not delete {folder}: {e.Message}");
        }
    }

    internal static void Progress(string message) => CliProgress.Line(message);

    /// <summary>This same build started as a child process (Staging environment, demo data on) on a free loopback port.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        public string BaseUrl { get; }

        private AppProcess(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public static async Task<AppProcess> StartAsync(string folder, string connectionString, bool outputCache)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
            var psi = new ProcessStartInfo(self)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Directory.GetCurrentDirectory(),
            };
            if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                psi.ArgumentList.Add(typeof(WebBench).Assembly.Location);
            }
            psi.ArgumentList.Add("--urls");
            psi.ArgumentList.Add(url);
            psi.Environment["ConnectionStrings__Marketplace"] = connectionString;
            psi.Environment["Database__Provider"] = "Sqlite";
            // Not Development (no developer pages), not Production (which refuses demo accounts).
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
            psi.Environment["DOTNET_ENVIRONMENT"] = "Staging";
            psi.Environment["Seed__Demo"] = "true";
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
            psi.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
            psi.Environment["OutputCache__Enabled"] = outputCache ? "true" : "false";
            // No background jobs, so only the requests measured use the machine.
            psi.Environment["Jobs__Server"] = "false";
            psi.Environment["Smtp__PickupDirectory"] = Path.Combine(folder, "mail");
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the app");
            var log = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, url);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the app exited with {process.ExitCode}:\n{log}");
                }
                try
                {
                    if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK) return app;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(200);
            }
            await app.DisposeAsync();
            throw new TimeoutException($"the app did not answer /health within 3 minutes:\n{log}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }

    public sealed record Measurement(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)
    {
        public double RequestsPerSecond => Requests / Seconds;
    }

    /// <summary>A closed-loop load: each connection sends its next request as soon as the previous answer is read.</summary>
    private static class Load
    {
        public static async Task<Measurement> RunAsync(string url, int connections, TimeSpan warmup, TimeSpan duration)
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            await Drive(http, url, connections, warmup, record: false);
            return await Drive(http, url, connections, duration, record: true);
        }

        private static async Task<Measurement> Drive(HttpClient http, string url, int connections, TimeSpan duration, bool record)
        {
            var latencies = new List<long>[connections];
            long errors = 0;
            var clock = Stopwatch.StartNew();
            var end = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
            var workers = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
            {
                var mine = latencies[i] = new List<long>(4096);
                while (clock.ElapsedTicks < end)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                        if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // A refused or timed-out request counts as an error, and its time as a latency.
                        Interlocked.Increment(ref errors);
                    }
                    if (record) mine.Add(Stopwatch.GetTimestamp() - start);
                }
            })).ToArray();
            await Task.WhenAll(workers);
            var seconds = clock.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
            return new Measurement(all.Length, errors, seconds, Percentile(0.50), Percentile(0.99));
        }
    }
}
