using Engagement.Media.Srtp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsCertificateRequest = Org.BouncyCastle.Tls.CertificateRequest;

namespace Engagement.Media.Dtls;

/// <summary>
/// The DTLS 1.2 server side of DTLS-SRTP (RFC 5764) on BouncyCastle: ECDHE-ECDSA suites with our
/// certificate, a client certificate required and checked against the SDP fingerprint, the use_srtp
/// extension negotiated, and the SRTP master keys exported once the handshake completes.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private static readonly int[] PreferredProfiles = [(int)SrtpProfile.AeadAes128Gcm, (int)SrtpProfile.Aes128CmHmacSha1_80];
    private readonly DtlsCertificate _certificate;
    private readonly string _remoteFingerprintAlgorithm;
    private readonly string _remoteFingerprint;
    private SrtpProfile? _profile;

    private readonly int _handshakeTimeoutMillis;

    public DtlsSrtpServer(DtlsCertificate certificate, string remoteFingerprintAlgorithm, string remoteFingerprint,
        int handshakeTimeoutMillis = 15_000)
        : base(new BcTlsCrypto(new SecureRandom()))
    {
        _handshakeTimeoutMillis = handshakeTimeoutMillis;
        _certificate = certificate;
        _remoteFingerprintAlgorithm = remoteFingerprintAlgorithm;
        _remoteFingerprint = remoteFingerprint;
    }

    /// <summary>Set when the handshake completed: the profile and the exported keying material.</summary>
    public DtlsSrtpKeys? Keys { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    public override int GetHandshakeTimeoutMillis() => _handshakeTimeoutMillis;

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto,
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ]);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "client did not offer use_srtp");
        foreach (var profile in PreferredProfiles)
        {
            if (Array.IndexOf(offered.ProtectionProfiles, profile) >= 0)
            {
                _profile = (SrtpProfile)profile;
                return;
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_profile!.Value], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override TlsCertificateRequest GetCertificateRequest()
    {
        var algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return new TlsCertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
        var der = clientCertificate.GetCertificateAt(0).GetEncoded();
        if (!DtlsCertificate.MatchesFingerprint(der, _remoteFingerprintAlgorithm, _remoteFingerprint))
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate does not match the SDP fingerprint");
    }

    protected override TlsCredentialedSigner GetECDsaSignerCredentials()
    {
        var crypto = (BcTlsCrypto)Crypto;
        var certificate = new Certificate([crypto.CreateCertificate(_certificate.Der)]);
        AsymmetricKeyParameter privateKey = PrivateKeyFactory.CreateKey(_certificate.Pkcs8PrivateKey);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, privateKey, certificate,
            SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var profile = _profile!.Value;
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        // RFC 5764 §4.2: client key, server key, client salt, server salt.
        var material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (keyLength + saltLength));
        Keys = new DtlsSrtpKeys(profile,
            material.AsSpan(0, keyLength).ToArray(),
            material.AsSpan(2 * keyLength, saltLength).ToArray(),
            material.AsSpan(keyLength, keyLength).ToArray(),
            material.AsSpan(2 * keyLength + saltLength, saltLength).ToArray());
    }
}
