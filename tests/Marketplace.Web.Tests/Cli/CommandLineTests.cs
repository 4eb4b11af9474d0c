using Marketplace.Web.Cli;

namespace Marketplace.Web.Tests.Cli;

/// <summary>
/// The command-line parser: <c>--help</c> of <c>matching</c>, of every verb and of <c>bench web</c> prints usage and
/// exits 0; bad arguments exit 2 with a message naming the argument. Parsing only: no verb runs.
/// </summary>
public class CommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Matching_Help_ListsEveryVerb()
    {
        var (code, output, _) = await Run("matching", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
        foreach (var verb in new[] { "generate", "train", "rank", "evaluate", "bench", "bench-app" })
            Assert.Matches($@"(?m)^\s+{verb}\s", output);
    }

    [Theory]
    [InlineData("matching generate", "--out", "--openings", "--experts", "--seed")]
    [InlineData("matching train", "--data", "--model", "--seed", "--negatives", "--hard-negatives")]
    [InlineData("matching rank", "--data", "--model", "--top", "--openings")]
    [InlineData("matching evaluate", "--data", "--model", "--spread")]
    [InlineData("matching bench", "--experts", "--openings", "--top", "--engine-openings", "--seed", "--repeat")]
    [InlineData("matching bench-app", "--experts", "--requests", "--keep")]
    [InlineData("bench web", "--postings", "--duration", "--connections", "--warmup", "--keep", "--reuse")]
    public async Task VerbHelp_PrintsUsageWithEveryOption(string verb, params string[] options)
    {
        var (code, output, error) = await Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches($@"Usage:\n  \S+ {verb} \[options\]", output.ReplaceLineEndings("\n"));
        foreach (var option in options) Assert.Matches($@"(?m)^\s+{option} ", output);
    }

    [Theory]
    [InlineData("--out", "matching", "generate", "--openings", "5")] // missing required
    [InlineData("--experts", "matching", "generate", "--out", "/tmp/x", "--experts", "many")] // not a number
    [InlineData("--bogus", "matching", "train", "--data", "d", "--model", "m", "--bogus", "1")] // unknown option
    [InlineData("--top", "matching", "rank", "--data", "d", "--model", "m", "--top", "0")] // below the minimum
    [InlineData("--top", "matching", "rank", "--data", "d", "--model", "m")]
    [InlineData("--spread", "matching", "evaluate", "--data", "d", "--model", "m", "--spread", "-1")]
    [InlineData("--spread", "matching", "evaluate", "--data", "d", "--model", "m", "--spread", "half")]
    [InlineData("--repeat", "matching", "bench", "--experts", "100", "--repeat", "0")]
    [InlineData("--engine-openings", "matching", "bench", "--experts", "100", "--engine-openings", "x")]
    [InlineData("--requests", "matching", "bench-app", "--experts", "100", "--requests", "-3")]
    [InlineData("--postings", "bench", "web", "--duration", "5")]
    [InlineData("--connections", "bench", "web", "--postings", "10", "--connections", "lots")]
    [InlineData("frobnicate", "matching", "frobnicate")]
    public async Task BadArguments_ExitTwoNamingTheArgument(string named, params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(named, error);
        Assert.Contains("--help", error);
    }

    [Theory]
    [InlineData("matching")]
    [InlineData("bench")]
    public async Task NoVerb_ExitsTwo(string command)
    {
        var (code, _, error) = await Run(command);
        Assert.Equal(2, code);
        Assert.Contains("Required command was not provided", error);
    }

    [Fact]
    public async Task EqualsForm_IsStillAccepted()
    {
        // The hand-written parser took --name=value; a parse error here would exit 2 before the verb.
        var (code, _, error) = await Run("matching", "rank", "--data=d", "--model=m", "--top=x");
        Assert.Equal(2, code);
        Assert.Contains("Cannot parse argument 'x' for option '--top'", error);
        Assert.DoesNotContain("--data", error);
    }
}
