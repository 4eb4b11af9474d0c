using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Web.Features.Security;

/// <summary>
/// The Data Protection keys (cookies, antiforgery, TempData) live in the database so every instance shares them.
/// With <c>DataProtection:CertificatePath</c> (a PKCS#12 file, password in <c>DataProtection:CertificatePassword</c>)
/// each key is encrypted with the certificate before it is stored; without one they are stored in plain XML and
/// the service warns at start outside Development.
/// </summary>
public static class KeyProtection
{
    public const string MissingWarning =
        "DataProtection:CertificatePath is not set: the cookie-signing keys are stored unencrypted in the database. " +
        "Configure a certificate (PKCS#12) to encrypt them at rest.";

    public static IServiceCollection AddMarketplaceKeyProtection(this IServiceCollection services, IConfiguration config)
    {
        var builder = services.AddDataProtection().SetApplicationName("Marketplace").PersistKeysToDbContext<MarketplaceDbContext>();
        var path = config["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config["DataProtection:CertificatePassword"]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        return services;
    }

    /// <summary>Logs the warning once at start when keys would be stored unencrypted outside Development.</summary>
    public static void WarnWhenKeysUnprotected(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(app.Configuration["DataProtection:CertificatePath"])) return;
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Startup").LogWarning(MissingWarning);
    }
}
