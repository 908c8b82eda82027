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

    public BenchPeer(IPEndPoint server, DtlsCertificate certificate)
    {
        _certificate = certificate;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Connect(server);
    }

    public uint AudioSsrc { get; } = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    public uint VideoSsrc { get; } = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    public long VideoPacketsReceived;
    public long AudioPacketsReceived;
    public LatencySamples? Latency { get; set; }

    public string Offer(bool publish) => BenchOffer.Build(_ice.Ufrag, _ice.Password, _certificate.Fingerprint, publish, AudioSsrc, VideoSsrc);

    public void Connect(string answer, SrtpProfile profile)
    {
        var description = SdpParser.Parse(answer);
        var (ufrag, pwd) = description.IceCredentials!.Value;
        _remoteIce = new IceCredentials(ufrag, pwd);
        var checks = 0;
        while (!CheckAndWait())
        {
            if (++checks == 20) throw new TimeoutException("no STUN response from the SFU");
        }
        var client = new BenchDtlsClient(_certificate, description.RemoteFingerprint!.Value.Value, profile);
        new DtlsClientProtocol().Connect(client, new BenchSocketTransport(_socket));
        var keys = client.Keys!;
        _outbound = keys.CreateServerInbound();   // client-write keys
        _inbound = keys.CreateServerOutbound();   // server-write keys
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

    private bool CheckAndWait()
    {
        SendCheck();
        var buffer = new byte[1500];
        if (!_socket.Poll(TimeSpan.FromMilliseconds(250), SelectMode.SelectRead)) return false;
        var length = _socket.Receive(buffer);
        return StunMessage.TryParse(buffer.AsSpan(0, length), out var message) == StunParseError.None &&
               message.Type == StunConstants.BindingSuccess;
    }

    /// <summary>Sends one RTP packet: header, 8 bytes of send time, filler up to <paramref name="payloadLength"/>.</summary>
    public void SendRtp(bool video, ushort sequence, uint timestamp, bool marker, int payloadLength, Span<byte> scratch)
    {
        Span<byte> header = stackalloc byte[12];
        header[0] = 0x80;
        header[1] = (byte)((marker ? 0x80 : 0) | (video ? 96 : 111));
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], video ? VideoSsrc : AudioSsrc);
        var payload = scratch[..payloadLength];
        BinaryPrimitives.WriteInt64BigEndian(payload, Stopwatch.GetTimestamp());
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
            if (length < 12 || packet[0] < 128 || RtpHeader.IsRtcp(packet)) continue;
            if (_inbound!.UnprotectRtp(packet, out var plain) != SrtpError.None) continue;
            if (!RtpHeader.TryParse(packet[..plain], out var header) || plain - header.HeaderLength < 8) continue;
            var sent = BinaryPrimitives.ReadInt64BigEndian(packet[header.HeaderLength..]);
            if (header.PayloadType == 96) VideoPacketsReceived++; else AudioPacketsReceived++;
            Latency?.Add(Stopwatch.GetTimestamp() - sent);
        }
    }

    public void Dispose() => _socket.Dispose();
}
