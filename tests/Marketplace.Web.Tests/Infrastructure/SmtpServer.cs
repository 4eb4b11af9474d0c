using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Xunit.Sdk;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Runs only where Debian's aiosmtpd is installed (.ci/run installs python3-aiosmtpd).</summary>
[TraitDiscoverer(SlowTraitDiscoverer.TypeName, SlowTraitDiscoverer.AssemblyName)]
public sealed class SmtpFactAttribute : FactAttribute, ITraitAttribute
{
    public SmtpFactAttribute()
    {
        if (SmtpServer.Executable is null) Skip = "aiosmtpd is not installed (Debian package python3-aiosmtpd; .ci/run installs it).";
    }
}

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd storing every message it accepts in a Maildir.
/// Stop and start it to play an outage; the port stays the same.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    public static string? Executable =>
        new[] { "/usr/bin/aiosmtpd", "/usr/local/bin/aiosmtpd" }.FirstOrDefault(File.Exists);

    private Process? _process;

    public int Port { get; } = FreePort();
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "mp-smtp", Guid.NewGuid().ToString("N"));

    public SmtpServer()
    {
        foreach (var sub in new[] { "cur", "new", "tmp" }) Directory.CreateDirectory(Path.Combine(Maildir, sub));
        Start();
    }

    /// <summary>Points an app at this server: plain SMTP on loopback, failing fast when it is down.</summary>
    public void Serve(MarketplaceFactory app)
    {
        app.Settings["Smtp:Host"] = "127.0.0.1";
        app.Settings["Smtp:Port"] = Port.ToString();
        app.Settings["Smtp:Tls"] = "None";
        app.Settings["Smtp:TimeoutSeconds"] = "5";
    }

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        _process = StartListening(Executable ?? throw new InvalidOperationException("aiosmtpd is not installed"), Port,
            "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir);
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the server has accepted, decoded.</summary>
    public List<MimeMessage> Messages() =>
        Directory.EnumerateFiles(Path.Combine(Maildir, "new")).Concat(Directory.EnumerateFiles(Path.Combine(Maildir, "cur")))
            .Select(f => MimeMessage.Load(f)).ToList();

    public List<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Starts a server process and returns once it accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    internal static Process StartListening(string executable, int port, params string[] args)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(executable)} exited: " + process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd());
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"{Path.GetFileName(executable)} did not listen on 127.0.0.1:{port}");
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
