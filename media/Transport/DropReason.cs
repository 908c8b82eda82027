namespace Engagement.Media.Transport;

/// <summary>Why the media plane let a datagram or a forwarded copy go: the <c>reason</c> tag of the drop counter.</summary>
internal enum DropReason
{
    /// <summary>DTLS or SRTP from an address no valid ICE check has bound to a peer (a stranger, or a peer that left).</summary>
    UnknownAddress,

    /// <summary>Not a STUN, DTLS or RTP datagram we can parse.</summary>
    Malformed,

    /// <summary>A STUN check whose username names no peer of ours or whose integrity does not verify: answered with silence.</summary>
    Unauthenticated,

    /// <summary>SRTP or SRTCP that failed authentication or replay protection.</summary>
    UnprotectFailed,

    /// <summary>RTP whose SSRC and payload type match no track the participant publishes.</summary>
    UnknownSsrc,

    /// <summary>SRTP before the peer's DTLS handshake produced keys.</summary>
    NotSecured,

    /// <summary>DTLS records that are not well formed, arrive after the association ended, or find its queue full.</summary>
    DtlsRefused,

    /// <summary>The socket refused a send (full buffer, unreachable peer).</summary>
    SendFailed,

    /// <summary>Forwarding one copy threw: a bug, logged as a warning.</summary>
    ForwardFailed,

    /// <summary>Handling a received datagram threw: a bug, logged as a warning.</summary>
    DispatchFailed,

    /// <summary>Left out on purpose by the test-only loss injector (<see cref="MediaEngineOptions.SimulatedVideoLoss"/>).</summary>
    SimulatedLoss,
}

internal static class DropReasons
{
    public static readonly DropReason[] All = Enum.GetValues<DropReason>();

    /// <summary>The tag value of each reason (snake case, as metric tags are).</summary>
    public static readonly string[] Tags =
        ["unknown_address", "malformed", "unauthenticated", "unprotect_failed", "unknown_ssrc", "not_secured", "dtls_refused", "send_failed", "forward_failed", "dispatch_failed", "simulated_loss"];

    public static string Tag(this DropReason reason) => Tags[(int)reason];
}
