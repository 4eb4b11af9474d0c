namespace Marketplace.Web.Cli;

/// <summary>The <c>matching</c> verbs (train, rank, evaluate, bench). Placeholder until the ranker lands.</summary>
public static class MatchingCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("matching: the ranker is not built yet.");
        return Task.FromResult(2);
    }
}
