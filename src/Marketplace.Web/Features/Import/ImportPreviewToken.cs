using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Web.Features.Import;

/// <summary>The file a preview showed, carried to the confirmation: what is confirmed is exactly what was previewed.</summary>
public sealed record ImportUpload(ImportKind Kind, ImportEncoding Encoding, string FileName, byte[] Bytes);

/// <summary>
/// Carries a previewed file through the browser to its confirmation, compressed, encrypted and signed for the account
/// that uploaded it and for an hour: nothing is stored on the server before confirmation, and a preview cannot be
/// confirmed by another account, altered, or replayed after it expires (a replay within the hour is refused as a
/// duplicate of the rows it saved).
/// </summary>
public sealed class ImportPreviewToken(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private sealed record Payload(ImportUpload Upload, DateTimeOffset IssuedAt);

    // The issue time travels inside the payload and is checked against the app's clock (the one tests can set).
    private IDataProtector For(string userId) => provider.CreateProtector("Marketplace.Import.Preview", userId);

    public string Protect(string userId, ImportUpload upload)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, new Payload(upload, clock.GetUtcNow()));
        }
        return Convert.ToBase64String(For(userId).Protect(buffer.ToArray()));
    }

    /// <summary>The upload, or null if the token is not this account's, was altered, or has expired.</summary>
    public ImportUpload? Unprotect(string userId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var bytes = For(userId).Unprotect(Convert.FromBase64String(token));
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var payload = JsonSerializer.Deserialize<Payload>(gzip);
            var age = clock.GetUtcNow() - (payload?.IssuedAt ?? DateTimeOffset.MinValue);
            return age >= TimeSpan.Zero && age <= Lifetime ? payload!.Upload : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException or InvalidDataException)
        {
            return null;
        }
    }
}
