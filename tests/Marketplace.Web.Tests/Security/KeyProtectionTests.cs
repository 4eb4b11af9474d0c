using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Security;

/// <summary>Secrets at rest: Data Protection keys encrypted with a configured certificate.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly MarketplaceFactory _app = new();
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"mp-dp-{Guid.NewGuid():N}.pfx");

    public void Dispose()
    {
        _app.Dispose();
        File.Delete(_certificate);
    }

    [Fact]
    public async Task WithACertificate_KeysAreStoredEncrypted_AndCookiesStillWork()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=marketplace-data-protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificate, cert.Export(X509ContentType.Pkcs12, "test-pass"));
        _app.Settings["DataProtection:CertificatePath"] = _certificate;
        _app.Settings["DataProtection:CertificatePassword"] = "test-pass";

        var client = await _app.SignedInAsync(WebClientExtensions.Expert);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/notifications")).StatusCode);
        var keys = await _app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<value>", xml);
        });
    }
}
