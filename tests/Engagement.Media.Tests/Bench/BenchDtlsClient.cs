using Engagement.Media.Dtls;
using Engagement.Media.Srtp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// The DTLS-SRTP client side for the load peers (RFC 5764): offers use_srtp with one profile,
/// presents its certificate, checks the server's against the SDP fingerprint, exports the keys.
/// </summary>
internal sealed class BenchDtlsClient(DtlsCertificate certificate, string serverFingerprint, SrtpProfile profile)
    : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
{
    private DtlsCertificate OwnCertificate => certificate;
    private string ServerFingerprint => serverFingerprint;
    private TlsClientContext Context => m_context;
    public DtlsSrtpKeys? Keys { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
        TlsUtilities.GetSupportedCipherSuites(Crypto, [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]);

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (keyLength + saltLength));
        Keys = new DtlsSrtpKeys(profile, material[..keyLength], material[(2 * keyLength)..(2 * keyLength + saltLength)],
            material[keyLength..(2 * keyLength)], material[(2 * keyLength + saltLength)..]);
    }

    private sealed class Authentication(BenchDtlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var der = serverCertificate.Certificate.GetCertificateAt(0).GetEncoded();
            if (!DtlsCertificate.MatchesFingerprint(der, DtlsCertificate.FingerprintAlgorithm, client.ServerFingerprint))
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
        {
            var crypto = (BcTlsCrypto)client.Crypto;
            var chain = new Certificate([crypto.CreateCertificate(client.OwnCertificate.Der)]);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(client.Context), crypto,
                PrivateKeyFactory.CreateKey(client.OwnCertificate.Pkcs8PrivateKey), chain,
                SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }
}
