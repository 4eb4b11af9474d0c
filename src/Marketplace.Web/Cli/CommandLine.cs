namespace Marketplace.Web.Cli;

/// <summary>
/// The web executable doubles as the command-line tool: <c>dotnet run --project src/Marketplace.Web -- matching ...</c>
/// runs a verb and exits without starting the web server.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "matching";

    public static Task<int> RunAsync(string[] args) => MatchingCommand.RunAsync(args[1..]);
}
