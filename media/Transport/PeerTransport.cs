using System.Diagnostics;
using Engagement.Media.Dtls;
using Engagement.Media.Ice;
using Engagement.Media.Rtp;
using Engagement.Media.Srtp;

namespace Engagement.Media.Transport;

/// <summary>
/// One peer's secured transport over the shared port: ICE-lite, then DTLS, then SRTP/SRTCP.
/// Incoming SRTP is decrypted in place and handed to the <see cref="IPeerPacketHandler"/>;
/// outgoing RTP/RTCP is encrypted into a per-thread buffer and sent to the selected address.
/// </summary>
internal sealed class PeerTransport : IDisposable
{
    [ThreadStatic] private static byte[]? t_sendBuffer;
    private readonly UdpMux _mux;
    private readonly DtlsSession _dtls;
    private readonly IPeerPacketHandler _handler;
    private volatile SrtpSession? _inbound;
    private volatile SrtpSession? _outbound;

    /// <param name="name">Names the peer in logs (participant and room).</param>
    public PeerTransport(UdpMux mux, IceCredentials remoteIce, DtlsCertificate certificate,
        (string Algorithm, string Value) remoteFingerprint, DtlsHandshakePool pool, IPeerPacketHandler handler, string name)
    {
        _mux = mux;
        _handler = handler;
        Ice = new IceLiteAgent(remoteIce);
        _dtls = new DtlsSession(certificate, remoteFingerprint.Algorithm, remoteFingerprint.Value, pool,
            SendDtls, OnKeys, reason => _handler.OnFailed("DTLS: " + reason), name);
        mux.Register(Ice.Local.Ufrag, this);
    }

    public IceLiteAgent Ice { get; }
    public bool IsSecured => _outbound is not null;
    public PacketCounters Counters => _mux.Counters;

    /// <summary>ICE restart: new local credentials registered, the old ufrag retired.</summary>
    public void RestartIce(IceCredentials remote)
    {
        var old = Ice.Restart(remote);
        _mux.Register(Ice.Local.Ufrag, this);
        _mux.Unregister(old);
    }

    internal void OnIceCheck()
    {
    }

    /// <summary>False when the DTLS session did not take the datagram (the caller counts the drop).</summary>
    internal bool OnDtls(ReadOnlySpan<byte> datagram) => _dtls.OnDatagram(datagram);

    internal void OnSrtp(Span<byte> datagram)
    {
        var inbound = _inbound;
        if (inbound is null)
        {
            _mux.Counters.Drop(DropReason.NotSecured);
            return;
        }
        if (RtpHeader.IsRtcp(datagram))
        {
            _mux.Counters.RtcpReceived++;
            if (inbound.UnprotectRtcp(datagram, out var length) != SrtpError.None)
            {
                _mux.Counters.Drop(DropReason.UnprotectFailed);
                return;
            }
            _handler.OnRtcp(datagram[..length]);
            return;
        }
        _mux.Counters.RtpReceived++;
        if (inbound.UnprotectRtp(datagram, out var plainLength) != SrtpError.None)
        {
            _mux.Counters.Drop(DropReason.UnprotectFailed);
            return;
        }
        var packet = datagram[..plainLength];
        if (!RtpHeader.TryParse(packet, out var header))
        {
            _mux.Counters.Drop(DropReason.Malformed);
            return;
        }
        _handler.OnRtp(packet, header);
    }

    /// <summary>Encrypts and sends an RTP packet given as header and payload (they need not be contiguous); false before DTLS completed.</summary>
    public bool SendRtp(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var outbound = _outbound;
        var to = Ice.Selected;
        if (outbound is null || to is null) return false;
        var buffer = t_sendBuffer ??= GC.AllocateArray<byte>(65536 + 64, pinned: true);
        var length = outbound.ProtectRtp(header, payload, buffer);
        _mux.Send(buffer.AsSpan(0, length), to);
        _mux.CopyLatency.Record(Stopwatch.GetTimestamp() - _mux.ReceivedAt);
        return true;
    }

    public void SendRtcp(ReadOnlySpan<byte> packet)
    {
        var outbound = _outbound;
        var to = Ice.Selected;
        if (outbound is null || to is null || packet.Length < 8) return;
        var buffer = t_sendBuffer ??= GC.AllocateArray<byte>(65536 + 64, pinned: true);
        var length = outbound.ProtectRtcp(packet, buffer);
        _mux.Send(buffer.AsSpan(0, length), to);
    }

    private void SendDtls(ReadOnlyMemory<byte> datagram)
    {
        var to = Ice.Selected;
        if (to is not null) _mux.Send(datagram.Span, to);
    }

    private void OnKeys(DtlsSrtpKeys keys)
    {
        _inbound = keys.CreateServerInbound();
        _outbound = keys.CreateServerOutbound();
        _handler.OnConnected();
    }

    public void Dispose()
    {
        _mux.Remove(this);
        _dtls.Dispose();
    }
}
