using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Media.Dtls;
using Engagement.Media.Ice;
using Engagement.Media.Rtp;
using Engagement.Media.Sdp;
using Engagement.Media.Srtp;
using Engagement.Media.Stun;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Tests.Bench;

/// <summary>
/// A lightweight WebRTC peer for load: full-ICE controlling checks, DTLS client, SRTP, and RTP whose
/// payload starts with the send time (Stopwatch ticks) so receivers measure one-way delay.
/// Built from the plane's own parsers and crypto plus BouncyCastle's DTLS client.
/// </summary>
internal sealed class BenchPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly DtlsCertificate _certificate;
    private readonly IceCredentials _ice = IceCredentials.Generate();
    private IceCredentials? _remoteIce;
    private SrtpSession? _outbound, _inbound;

    public BenchPeer(IPAddress bindAddress, DtlsCertificate certificate)
    {
        _certificate = certificate;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _socket.Bind(new IPEndPoint(bindAddress, 0));
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public uint AudioSsrc { get; } = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    public uint VideoSsrc { get; } = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    public long VideoPacketsReceived;
    /// <summary>Video packets whose sequence number did not follow the previous one (loss or reordering).</summary>
    public long VideoOutOfSequence;
    private int _lastVideoSequence = -1;
    public long AudioPacketsReceived;
    public LatencySamples? Latency { get; set; }

    public string Offer(bool publish) => BenchOffer.Build(_ice.Ufrag, _ice.Password, _certificate.Fingerprint, publish, AudioSsrc, VideoSsrc, LocalEndPoint);

    /// <summary>A recvonly answer to an SFU's offer (Janus subscribers): its mids and payload types, DTLS client.</summary>
    public string Answer(string offer) => BenchOffer.Answer(offer, _ice.Ufrag, _ice.Password, _certificate.Fingerprint, LocalEndPoint);

    /// <summary>
    /// ICE to the remote's first host candidate, then DTLS: server if the remote said setup:active, else client.
    /// </summary>
    public void Connect(string remoteSdp, SrtpProfile profile)
    {
        var description = SdpParser.Parse(remoteSdp);
        var (ufrag, pwd) = description.IceCredentials!.Value;
        _remoteIce = new IceCredentials(ufrag, pwd);
        _socket.Connect(BenchOffer.FirstHostCandidate(remoteSdp));
        var checks = 0;
        while (!CheckAndWait())
        {
            if (++checks == 40) throw new TimeoutException("no STUN response from the SFU");
        }
        // A check can beat the remote's own processing of our description (Janus sets remote
        // candidates after answering); a few more nominating checks settle the pair either way.
        for (var i = 0; i < 5; i++)
        {
            Thread.Sleep(50);
            SendCheck();
        }
        var fingerprint = description.RemoteFingerprint!.Value;
        var setup = description.Setup ?? description.Media.FirstOrDefault(m => m.Setup is not null)?.Setup;
        DtlsSrtpKeys keys;
        if (setup == "active")
        {
            var server = new DtlsSrtpServer(_certificate, fingerprint.Algorithm, fingerprint.Value);
            new DtlsServerProtocol().Accept(server, new BenchSocketTransport(_socket, AnswerCheck));
            keys = server.Keys!;
            _outbound = keys.CreateServerOutbound();
            _inbound = keys.CreateServerInbound();
        }
        else
        {
            var client = new BenchDtlsClient(_certificate, fingerprint.Value, profile);
            new DtlsClientProtocol().Connect(client, new BenchSocketTransport(_socket, AnswerCheck));
            keys = client.Keys!;
            _outbound = keys.CreateServerInbound();   // client-write keys
            _inbound = keys.CreateServerOutbound();   // server-write keys
        }
    }

    /// <summary>A controlling Binding request with USE-CANDIDATE (RFC 8445 §7.2.2); also serves as consent refresh.</summary>
    public void SendCheck()
    {
        var buffer = new byte[200];
        var writer = new StunWriter(buffer, StunConstants.BindingRequest, Guid.NewGuid().ToByteArray().AsSpan(0, 12));
        writer.AddAttribute(StunConstants.AttrUsername, Encoding.ASCII.GetBytes($"{_remoteIce!.Ufrag}:{_ice.Ufrag}"));
        writer.AddUInt32(StunConstants.AttrPriority, 0x6E0001FF);
        writer.AddUInt64(StunConstants.AttrIceControlling, 42);
        writer.AddFlag(StunConstants.AttrUseCandidate);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(_remoteIce.Password));
        writer.AddFingerprint();
        _socket.Send(buffer.AsSpan(0, writer.Length));
    }

    /// <summary>
    /// Answers the remote's own Binding requests (libnice checks even in Janus's ICE-lite mode and
    /// nominates only once its check succeeds): USERNAME must be ours:theirs, keyed with our password.
    /// </summary>
    private void AnswerCheck(ReadOnlySpan<byte> datagram)
    {
        if (_remoteIce is null || StunMessage.TryParse(datagram, out var request) != StunParseError.None ||
            request.Type != StunConstants.BindingRequest) return;
        if (!request.Username.SequenceEqual(Encoding.ASCII.GetBytes($"{_ice.Ufrag}:{_remoteIce.Ufrag}"))) return;
        var password = Encoding.ASCII.GetBytes(_ice.Password);
        if (!request.VerifyIntegrity(password)) return;
        Span<byte> response = stackalloc byte[128];
        var writer = new StunWriter(response, StunConstants.BindingSuccess, request.TransactionId);
        writer.AddXorMappedAddress((IPEndPoint)_socket.RemoteEndPoint!);
        writer.AddMessageIntegrity(password);
        writer.AddFingerprint();
        _socket.Send(response[..writer.Length]);
    }

    private bool CheckAndWait()
    {
        SendCheck();
        var buffer = new byte[1500];
        var deadline = Environment.TickCount64 + 250;
        while (_socket.Poll(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)), SelectMode.SelectRead))
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (SocketException)
            {
                return false; // ICMP unreachable: the remote is not listening yet
            }
            if (StunMessage.TryParse(buffer.AsSpan(0, length), out var message) == StunParseError.None &&
                message.Type == StunConstants.BindingSuccess) return true;
            AnswerCheck(buffer.AsSpan(0, length));
            if (Environment.TickCount64 > deadline) return false;
        }
        return false;
    }

    /// <summary>
    /// Sends one RTP packet. Video payloads start like a VP8 key frame (RFC 7741 descriptor, frame tag, start code)
    /// so an SFU that inspects VP8 forwards them; every payload ends with 8 bytes of send time.
    /// </summary>
    public void SendRtp(bool video, ushort sequence, uint timestamp, bool marker, int payloadLength, Span<byte> scratch)
    {
        Span<byte> header = stackalloc byte[12];
        header[0] = 0x80;
        header[1] = (byte)((marker ? 0x80 : 0) | (video ? 96 : 111));
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], video ? VideoSsrc : AudioSsrc);
        var payload = scratch[..payloadLength];
        payload.Clear();
        if (video)
        {
            payload[0] = (byte)(marker ? 0x00 : 0x10);
            ReadOnlySpan<byte> keyFrame = [0x50, 0x42, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01];
            keyFrame.CopyTo(payload[1..]);
        }
        else
        {
            payload[0] = 0x78; // Opus TOC: CELT FB 20 ms
        }
        BinaryPrimitives.WriteInt64BigEndian(payload[^8..], Stopwatch.GetTimestamp());
        var output = scratch[payloadLength..];
        var length = _outbound!.ProtectRtp(header, payload, output);
        _socket.Send(output[..length]);
    }

    /// <summary>Receives until cancelled: counts RTP per kind and records the delay since the publisher stamped it.</summary>
    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            var packet = buffer.AsSpan(0, length);
            if (length > 0 && packet[0] < 4) AnswerCheck(packet);
            if (length < 12 || packet[0] < 128 || RtpHeader.IsRtcp(packet)) continue;
            if (_inbound is null) continue;
            if (_inbound!.UnprotectRtp(packet, out var plain) != SrtpError.None) continue;
            if (!RtpHeader.TryParse(packet[..plain], out var header) || plain - header.HeaderLength < 8) continue;
            var sent = BinaryPrimitives.ReadInt64BigEndian(packet[(plain - 8)..plain]);
            if (plain - header.HeaderLength > 200)
            {
                VideoPacketsReceived++;
                if (_lastVideoSequence >= 0 && header.SequenceNumber != (ushort)(_lastVideoSequence + 1)) VideoOutOfSequence++;
                _lastVideoSequence = header.SequenceNumber;
            }
            else
            {
                AudioPacketsReceived++;
            }
            Latency?.Add(Stopwatch.GetTimestamp() - sent);
        }
    }

    public void Dispose() => _socket.Dispose();
}
