using System.Diagnostics;
using Spectre.Console;

namespace Marketplace.Web.Cli;

/// <summary>
/// Progress of long command-line work, always on stderr (stdout carries results: <c>rank</c>'s JSON lines, tables):
/// a Spectre.Console progress display with the current stage (a spinner, or a bar when the amount of work is known),
/// and above it the timestamped lines the verbs print. When stderr is not a terminal, Spectre's non-interactive
/// renderer prints each stage's percentage as a plain line at 25, 50, 75 and 100 %, and the timestamped lines are
/// written unwrapped.
/// </summary>
internal sealed class CliProgress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly IAnsiConsole _console;
    private readonly ProgressContext _context;
    private readonly bool _times;
    private readonly Lock _gate = new();
    private ProgressTask? _stage;
    private static CliProgress? _active;

    private CliProgress(IAnsiConsole console, ProgressContext context, bool times)
    {
        _console = console;
        _context = context;
        _times = times;
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a progress display on stderr. With <paramref name="times"/> each line also
    /// says how long the verb has run and the processor time used so far (on a shared machine the steadier measure).
    /// </summary>
    public static Task<int> RunAsync(Func<CliProgress, Task<int>> work, bool times = true)
    {
        var redirected = Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Yes,
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (redirected) console.Profile.Width = 4096; // a log line stays one line
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var progress = _active = new CliProgress(console, context, times);
                try
                {
                    return await work(progress);
                }
                finally
                {
                    progress.Finish();
                    _active = null;
                }
            });
    }

    /// <summary>A timestamped line through the running verb's display (for helpers that are not handed one).</summary>
    public static void Line(string message)
    {
        if (_active is { } progress) progress.Log(message);
        else Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
    }

    /// <summary>A timestamped line above the display; the message also becomes the current stage's description.</summary>
    public void Log(string message)
    {
        var line = _times
            ? $"[{DateTime.Now:HH:mm:ss}] {message} ({Clock.ElapsedMilliseconds} ms, cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms, memory {Environment.WorkingSet >> 20} MB)"
            : $"[{DateTime.Now:HH:mm:ss}] {message}";
        lock (_gate)
        {
            _console.WriteLine(line);
            // Without a terminal the line itself is the progress: a spinner stage would only repeat it as "0%".
            if (!_console.Profile.Capabilities.Interactive) return;
            if (_stage is { IsFinished: false, IsIndeterminate: true }) _stage.Description = Describe(message);
            else Begin(message, null);
        }
    }

    /// <summary>A stage of <paramref name="total"/> steps shown as a bar; call <see cref="Step.Advance"/> after each.</summary>
    public Step Stage(string description, int total)
    {
        lock (_gate) return new Step(Begin(description, total), this);
    }

    /// <summary>A stage with a known number of steps.</summary>
    public sealed class Step(ProgressTask task, CliProgress progress)
    {
        private int _shown;

        public void Advance()
        {
            task.Increment(1);
            // Spectre's plain renderer prints at 25/50/75 % but only when refreshed (once a second): refresh as each
            // 5 % is reached so short stages say so too.
            if (progress._console.Profile.Capabilities.Interactive || (int)task.Percentage / 5 == _shown) return;
            _shown = (int)task.Percentage / 5;
            progress._context.Refresh();
        }
    }

    private ProgressTask Begin(string description, int? total)
    {
        _stage?.StopTask();
        _stage = _context.AddTask(Describe(description), maxValue: Math.Max(1, total ?? 1));
        _stage.IsIndeterminate = total is null;
        return _stage;
    }

    // One line beside the bar: a long message is cut (the full text is in the line above the display).
    private static string Describe(string message) => Markup.Escape(message.Length <= 60 ? message : message[..59] + "…");

    private void Finish()
    {
        lock (_gate) _stage?.StopTask();
    }
}
