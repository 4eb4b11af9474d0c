using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// A WebAuthn authenticator in software (ES256, "none" attestation), so server tests can register passkeys and sign
/// with them as a browser would: it reads the server's options JSON and answers with the credential JSON that
/// <c>JSON.stringify(credential)</c> gives in a browser.
/// </summary>
public sealed class SoftPasskey(string origin = "http://localhost") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);
    public string Id => Base64Url.EncodeToString(CredentialId);
    public byte[] UserHandle { get; private set; } = [];
    public string Origin { get; set; } = origin;

    /// <summary>Answers <c>navigator.credentials.create()</c> for the creation options JSON.</summary>
    public string Create(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var rpId = options["rp"]?["id"]?.GetValue<string>() ?? new Uri(Origin).Host;
        UserHandle = Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", options["challenge"]!.GetValue<string>());
        var p = _key.ExportParameters(includePrivateParameters: false);
        var cose = Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)), (Cbor.Int(3), Cbor.Int(-7)), (Cbor.Int(-1), Cbor.Int(1)),
            (Cbor.Int(-2), Cbor.Bytes(p.Q.X!)), (Cbor.Int(-3), Cbor.Bytes(p.Q.Y!)));
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x45], BigEndian(_signCount), new byte[16],
            [(byte)(CredentialId.Length >> 8), (byte)CredentialId.Length], CredentialId, cose);
        var attestation = Cbor.Map((Cbor.Text("fmt"), Cbor.Text("none")), (Cbor.Text("attStmt"), Cbor.Map()), (Cbor.Text("authData"), Cbor.Bytes(authData)));
        return new JsonObject
        {
            ["id"] = Id,
            ["rawId"] = Id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(attestation),
                ["transports"] = new JsonArray("internal"),
            },
        }.ToJsonString();
    }

    /// <summary>Answers <c>navigator.credentials.get()</c> for the request options JSON (whatever credentials they allow).</summary>
    public string Get(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var rpId = options["rpId"]?.GetValue<string>() ?? new Uri(Origin).Host;
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x05], BigEndian(++_signCount));
        var signature = _key.SignData(Concat(authData, SHA256.HashData(clientData)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = Id,
            ["rawId"] = Id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["authenticatorData"] = Base64Url.EncodeToString(authData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = Base64Url.EncodeToString(UserHandle),
            },
        }.ToJsonString();
    }

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["type"] = type, ["challenge"] = challenge, ["origin"] = Origin, ["crossOrigin"] = false });

    private static byte[] BigEndian(uint n) => [(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n];

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public void Dispose() => _key.Dispose();

    /// <summary>The few CBOR items (RFC 8949) an attestation object needs, in canonical form.</summary>
    private static class Cbor
    {
        public static byte[] Int(long n) => n >= 0 ? Head(0, (ulong)n) : Head(1, (ulong)(-1 - n));
        public static byte[] Bytes(byte[] b) => Concat(Head(2, (ulong)b.Length), b);
        public static byte[] Text(string s) => Encoding.UTF8.GetBytes(s) is var b ? Concat(Head(3, (ulong)b.Length), b) : [];
        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            Concat([Head(5, (ulong)entries.Length), .. entries.SelectMany(e => new[] { e.Key, e.Value })]);

        private static byte[] Head(int major, ulong n) => n switch
        {
            < 24 => [(byte)((major << 5) | (int)n)],
            < 256 => [(byte)((major << 5) | 24), (byte)n],
            < 65536 => [(byte)((major << 5) | 25), (byte)(n >> 8), (byte)n],
            _ => throw new ArgumentOutOfRangeException(nameof(n)),
        };
    }
}
