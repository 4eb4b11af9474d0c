using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketplace.Web.Email;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto.</summary>
    public string Tls { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@cio-marketplace.example.jp";
    public string FromName { get; set; } = "自治体CIO人材マーケットプレイス";
    /// <summary>Where .eml files go when no SMTP host is configured; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";
    /// <summary>Seconds to wait for the SMTP server before an attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Where outbox messages go: an SMTP server through MailKit, or (with no server configured) a folder
/// of .eml files. A session may carry several messages over one connection.
/// </summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Sends one message; returns the server's acceptance (queue id) or the file written.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A send the server refused for good (5xx for this message): retrying cannot help.</summary>
public sealed class PermanentMailException(string message, Exception inner) : Exception(message, inner);

public static class EmailSetup
{
    public static IServiceCollection AddMarketplaceEmail(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        if (string.IsNullOrWhiteSpace(config["Smtp:Host"]))
        {
            services.AddSingleton<IMailTransport, PickupDirectoryTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        return services;
    }
}

/// <summary>The embedded default: each message becomes an .eml file (named by its Message-ID) that any mail client opens.</summary>
public sealed class PickupDirectoryTransport : IMailTransport, IMailSession
{
    private readonly string _folder;
    private readonly ILogger<PickupDirectoryTransport> _log;

    public PickupDirectoryTransport(Microsoft.Extensions.Options.IOptions<SmtpOptions> options, IWebHostEnvironment env, ILogger<PickupDirectoryTransport> log)
    {
        var dir = options.Value.PickupDirectory;
        _folder = Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir);
        _log = log;
    }

    public string Folder => _folder;

    public Task<IMailSession> OpenAsync(CancellationToken ct) => Task.FromResult<IMailSession>(this);

    public async Task<string> SendAsync(MimeMessage message, CancellationToken ct)
    {
        Marketplace.Data.OwnerOnlyFiles.CreateFolder(_folder);
        var stamp = (message.Date == DateTimeOffset.MinValue ? DateTimeOffset.UtcNow : message.Date).UtcDateTime;
        var safeId = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) ? c : '_'));
        var path = Path.Combine(_folder, $"{stamp:yyyyMMddHHmmssfff}-{safeId}.eml");
        // Write then rename, so a reader never sees half a file and a repeated send replaces, not duplicates.
        var temp = path + ".tmp";
        await message.WriteToAsync(temp, ct);
        File.Move(temp, path, overwrite: true);
        // The file, not the address: logs carry no e-mail addresses.
        _log.LogInformation("No SMTP server configured: mail written to {Path}", path);
        return path;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SmtpTransport(Microsoft.Extensions.Options.IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        try
        {
            var tls = Enum.TryParse<SecureSocketOptions>(o.Tls, ignoreCase: true, out var t) ? t : SecureSocketOptions.Auto;
            await client.ConnectAsync(o.Host!, o.Port, tls, ct);
            if (!string.IsNullOrEmpty(o.User))
            {
                await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
            }
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task<string> SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                return await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                throw new PermanentMailException($"{(int)e.StatusCode} {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(true);
            }
            catch (Exception)
            {
                // The messages are already accepted; a failing QUIT changes nothing about them.
            }
            client.Dispose();
        }
    }
}
