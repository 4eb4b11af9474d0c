using System.CommandLine;

namespace Marketplace.Web.Cli;

/// <summary>
/// The web executable doubles as the command-line tool: <c>dotnet run --project src/Marketplace.Web -- matching ...</c>
/// or <c>-- bench web ...</c> runs a verb and exits without starting the web server. Parsing and <c>--help</c> are
/// System.CommandLine's; a parse error (unknown option or verb, missing value, not a number) names the argument on
/// stderr and exits with 2.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "matching" or "bench";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs <paramref name="args"/>; help goes to <paramref name="output"/>, parse errors to <paramref name="error"/>.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("CIO talent marketplace: the web app, or with a verb the command-line tool.")
        {
            MatchingCommand.Build(),
            WebBench.Build(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var verb = string.Join(' ', Path(parsed.CommandResult.Command));
            foreach (var e in parsed.Errors) await error.WriteLineAsync($"{verb}: {e.Message}");
            await error.WriteLineAsync($"usage: {verb} --help");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IEnumerable<string> Path(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? s = command; s is Command c and not RootCommand; s = c.Parents.FirstOrDefault()) names.Push(c.Name);
        return names.Count == 0 ? ["matching"] : names;
    }
}
