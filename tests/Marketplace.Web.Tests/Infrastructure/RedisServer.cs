using System.Diagnostics;
using Xunit.Sdk;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Runs only where redis-server is installed (.ci/run installs Debian's redis-server).</summary>
[TraitDiscoverer(SlowTraitDiscoverer.TypeName, SlowTraitDiscoverer.AssemblyName)]
public sealed class RedisFactAttribute : FactAttribute, ITraitAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null) Skip = "redis-server is not installed (Debian package redis-server; .ci/run installs it).";
    }
}

/// <summary>A throwaway Redis on 127.0.0.1 and a free port, keeping nothing on disk; stopped on Dispose.</summary>
public sealed class RedisServer : IDisposable
{
    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    private readonly Process _process;

    public int Port { get; } = SmtpServer.FreePort();

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public RedisServer()
    {
        _process = SmtpServer.StartListening(Executable ?? throw new InvalidOperationException("redis-server is not installed"), Port,
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        _process.Dispose();
    }
}
