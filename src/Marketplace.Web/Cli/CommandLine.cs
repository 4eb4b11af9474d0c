namespace Marketplace.Web.Cli;

/// <summary>
/// The web executable doubles as the command-line tool: <c>dotnet run --project src/Marketplace.Web -- matching ...</c>
/// or <c>-- bench web ...</c> runs a verb and exits without starting the web server.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "matching" or "bench";

    public static Task<int> RunAsync(string[] args) => args[0] switch
    {
        "bench" => WebBench.RunAsync(args[1..]),
        _ => MatchingCommand.RunAsync(args[1..]),
    };
}
