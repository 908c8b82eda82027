using Engagement.Media.Rtp;

namespace Engagement.Media.Transport;

/// <summary>What a secured peer transport delivers upward: plain RTP and RTCP, and its lifecycle.</summary>
internal interface IPeerPacketHandler
{
    /// <summary>A decrypted RTP packet; the span is only valid during the call.</summary>
    void OnRtp(Span<byte> packet, in RtpHeader header);

    /// <summary>A decrypted compound RTCP packet; the span is only valid during the call.</summary>
    void OnRtcp(ReadOnlySpan<byte> packet);

    void OnConnected();

    void OnFailed(string reason);
}
