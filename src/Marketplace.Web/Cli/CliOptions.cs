using System.CommandLine;

namespace Marketplace.Web.Cli;

/// <summary>The options the verbs share in shape (required values, whole numbers with defaults) and how a verb runs.</summary>
internal static class CliOptions
{
    public static Option<T> Required<T>(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description, Required = true };

    public static Option<int> Int(string name, int fallback, string description, string helpName = "N") =>
        new(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => fallback };

    public static void AtLeast(Option<int> option, int minimum) =>
        Check(option, value => value >= minimum, $"{option.Name} must be at least {minimum}");

    /// <summary>Adds <paramref name="message"/> when the value fails <paramref name="valid"/>; a value that is not a
    /// <typeparamref name="T"/> at all is left to the parser's own message, which names the option too.</summary>
    public static void Check<T>(Option<T> option, Func<T?, bool> valid, string message) =>
        option.Validators.Add(v =>
        {
            T? value;
            try
            {
                value = v.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }
            if (!valid(value)) v.AddError(message);
        });

    /// <summary>
    /// Runs a verb under a progress display on stderr. Exit codes: the verb's own (0 done, 1 invalid input), 2 for a
    /// usage error found while running, 1 for a file that cannot be read or written.
    /// </summary>
    public static Task<int> Run(string verb, Func<CliProgress, Task<int>> work, bool times = true) =>
        CliProgress.RunAsync(async progress =>
        {
            try
            {
                return await work(progress);
            }
            catch (MatchingCommand.UsageException e)
            {
                await Console.Error.WriteLineAsync($"{verb}: {e.Message} (see: {verb} --help)");
                return 2;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"{verb}: {e.Message}");
                return 1;
            }
        }, times);
}
