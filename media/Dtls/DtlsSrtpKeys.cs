using Engagement.Media.Srtp;

namespace Engagement.Media.Dtls;

/// <summary>SRTP master keys exported from a DTLS-SRTP handshake, by sender.</summary>
internal sealed record DtlsSrtpKeys(SrtpProfile Profile, byte[] ClientKey, byte[] ClientSalt, byte[] ServerKey, byte[] ServerSalt)
{
    public SrtpSession CreateServerInbound() => SrtpSession.Create(Profile, ClientKey, ClientSalt);
    /// <summary>Our sending context: one SSRC per track we forward to the peer, so no stream cap.</summary>
    public SrtpSession CreateServerOutbound() => SrtpSession.Create(Profile, ServerKey, ServerSalt, streamLimit: int.MaxValue);
}
