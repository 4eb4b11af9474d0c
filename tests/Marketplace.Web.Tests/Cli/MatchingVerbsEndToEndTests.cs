using System.Diagnostics;
using System.Text.Json;
using Marketplace.Web.Cli;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Cli;

/// <summary>
/// The verbs run as a user runs them (<c>dotnet Marketplace.Web.dll matching ...</c>, stderr redirected) on a tiny
/// dataset: generate → train → evaluate → rank, and rank's stdout holds nothing but its JSON lines. Training takes
/// about ten seconds here, hence slow.
/// </summary>
[Slow]
public sealed class MatchingVerbsEndToEndTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mp-cli-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Cli(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task GenerateTrainEvaluateRank_OnATinyDataset()
    {
        var data = Path.Combine(_folder, "data");
        var model = Path.Combine(_folder, "model.zip");

        var generate = await Cli("matching", "generate", "--out", data, "--openings", "150", "--experts", "150", "--seed", "3");
        Assert.True(generate.Code == 0, generate.Error);
        Assert.Equal($"wrote 150 openings, 150 experts, 398 outcomes to {data}\n", generate.Output.ReplaceLineEndings("\n"));
        Assert.True(File.Exists(Path.Combine(data, "experts.csv")));

        var train = await Cli("matching", "train", "--data", data, "--model", model);
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("the learned model ranks", train.Output);
        Assert.Contains($"saved model-", train.Output);
        Assert.Matches(@"\[\d\d:\d\d:\d\d\] reading .* ms, cpu \d+ ms, memory \d+ MB\)", train.Error); // progress on stderr, unwrapped lines
        Assert.True(File.Exists(model));

        var evaluate = await Cli("matching", "evaluate", "--data", data, "--model", model, "--spread", "0.5");
        Assert.True(evaluate.Code == 0, evaluate.Error);
        Assert.Matches(@"(?m)^model\s+\d\.\d{4}\s+\d\.\d{4}$", evaluate.Output);
        Assert.Contains("re-ranked (strength 0.5)", evaluate.Output);

        var rank = await Cli("matching", "rank", "--data", data, "--model", model, "--top", "3");
        Assert.True(rank.Code == 0, rank.Error);
        var lines = rank.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line); // stdout is JSON lines only: no progress mixed in
            Assert.Equal(3, json.RootElement.GetProperty("experts").GetArrayLength());
        }
        Assert.Contains($"ranked {lines.Length} openings", rank.Error);
        Assert.Matches($@"(?m)^ranking {lines.Length} openings: \d+%$", rank.Error); // Spectre's plain progress without a terminal
    }

    [Fact]
    public async Task Rank_MissingModelFile_ExitsOneSayingSo()
    {
        var data = Path.Combine(_folder, "data");
        Assert.Equal(0, (await Cli("matching", "generate", "--out", data, "--openings", "5", "--experts", "5")).Code);
        var rank = await Cli("matching", "rank", "--data", data, "--model", Path.Combine(_folder, "none.zip"), "--top", "3");
        Assert.Equal(1, rank.Code);
        Assert.Equal("", rank.Output);
        Assert.Contains("none.zip' not found", rank.Error);
    }
}
