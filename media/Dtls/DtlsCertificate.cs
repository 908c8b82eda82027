using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Engagement.Media.Dtls;

/// <summary>
/// The node's self-signed ECDSA P-256 DTLS certificate (RFC 8827 §6.5: WebRTC identities are the
/// certificate fingerprints exchanged in SDP, RFC 8122), and fingerprint checks of peers' certificates.
/// </summary>
internal sealed class DtlsCertificate
{
    private DtlsCertificate(byte[] der, byte[] pkcs8PrivateKey)
    {
        Der = der;
        Pkcs8PrivateKey = pkcs8PrivateKey;
        Fingerprint = FormatFingerprint(SHA256.HashData(der));
    }

    public byte[] Der { get; }
    public byte[] Pkcs8PrivateKey { get; }

    /// <summary>The a=fingerprint value: "sha-256" and colon-separated upper-case hex.</summary>
    public string Fingerprint { get; }
    public const string FingerprintAlgorithm = "sha-256";

    public static DtlsCertificate Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=engagement-media", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return new DtlsCertificate(certificate.RawData, key.ExportPkcs8PrivateKey());
    }

    /// <summary>True if <paramref name="der"/> hashes to the SDP fingerprint the peer announced (RFC 8122 §5).</summary>
    public static bool MatchesFingerprint(byte[] der, string algorithm, string fingerprint)
    {
        byte[] hash;
        switch (algorithm.ToLowerInvariant())
        {
            case "sha-256": hash = SHA256.HashData(der); break;
            case "sha-384": hash = SHA384.HashData(der); break;
            case "sha-512": hash = SHA512.HashData(der); break;
            case "sha-1": hash = SHA1.HashData(der); break;
            default: return false;
        }
        var expected = FormatFingerprint(hash);
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected),
            System.Text.Encoding.ASCII.GetBytes(fingerprint.ToUpperInvariant()));
    }

    public static string FormatFingerprint(ReadOnlySpan<byte> hash) => Convert.ToHexString(hash).Chunk(2)
        .Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);
}
