namespace Engagement.Media.Rtp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1) and feedback formats this plane reads or writes.</summary>
internal static class RtcpPacketType
{
    public const byte SenderReport = 200;
    public const byte ReceiverReport = 201;
    public const byte SourceDescription = 202;
    public const byte Goodbye = 203;
    public const byte TransportFeedback = 205;
    public const byte PayloadFeedback = 206;

    public const int FormatNack = 1;           // RTPFB generic NACK (RFC 4585 §6.2.1)
    public const int FormatTransportCc = 15;   // RTPFB transport-wide CC (draft-holmer-rmcat-transport-wide-cc)
    public const int FormatPli = 1;            // PSFB picture loss indication (RFC 4585 §6.3.1)
    public const int FormatFir = 4;            // PSFB full intra request (RFC 5104 §4.3.1)
    public const int FormatApplication = 15;   // PSFB application layer feedback, carries REMB
}
