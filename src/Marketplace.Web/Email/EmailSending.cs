using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketplace.Web.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>Sends one message to one recipient.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Tls { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@cio-marketplace.example.jp";
    public string FromName { get; set; } = "自治体CIO人材マーケットプレイス";
    /// <summary>Where .eml files go when no SMTP host is configured; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";
}

public static class EmailSetup
{
    public static IServiceCollection AddMarketplaceEmail(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        var host = config["Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        return services;
    }

    internal static MimeMessage ToMime(EmailMessage message, SmtpOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}

/// <summary>The embedded default: each message becomes an .eml file that any mail client opens.</summary>
public sealed class PickupDirectoryEmailSender : IEmailSender
{
    private readonly SmtpOptions _options;
    private readonly string _folder;
    private readonly ILogger<PickupDirectoryEmailSender> _log;

    public PickupDirectoryEmailSender(Microsoft.Extensions.Options.IOptions<SmtpOptions> options, IWebHostEnvironment env, ILogger<PickupDirectoryEmailSender> log)
    {
        _options = options.Value;
        _folder = Path.IsPathRooted(_options.PickupDirectory) ? _options.PickupDirectory : Path.Combine(env.ContentRootPath, _options.PickupDirectory);
        _log = log;
    }

    public string Folder => _folder;

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Directory.CreateDirectory(_folder);
        var mime = EmailSetup.ToMime(message, _options);
        var path = Path.Combine(_folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await mime.WriteToAsync(path, ct);
        _log.LogInformation("No SMTP server configured: mail to {To} written to {Path}", message.To, path);
    }
}

public sealed class SmtpEmailSender(Microsoft.Extensions.Options.IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        var mime = EmailSetup.ToMime(message, o);
        using var client = new SmtpClient();
        var tls = Enum.TryParse<SecureSocketOptions>(o.Tls, ignoreCase: true, out var t) ? t : SecureSocketOptions.Auto;
        await client.ConnectAsync(o.Host!, o.Port, tls, ct);
        if (!string.IsNullOrEmpty(o.User))
        {
            await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        }
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}
