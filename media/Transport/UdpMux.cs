using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Media.Stun;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Transport;

/// <summary>
/// The node's single UDP port. One thread receives every datagram into one reused buffer and
/// demultiplexes it (RFC 7983 first-byte ranges): STUN to the peer named by the USERNAME's local
/// ufrag, DTLS and SRTP/SRTCP to the peer that owns the source address (learned from a valid STUN
/// check). Receive and send use SocketAddress overloads, so the forwarding path does not allocate.
/// </summary>
internal sealed class UdpMux : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _receiver;
    private readonly ConcurrentDictionary<string, PeerTransport> _byUfrag = new();
    private readonly ConcurrentDictionary<SocketAddress, PeerTransport> _byAddress = new();
    private readonly SocketFaults _faults;
    private readonly ILogger _logger;
    private readonly int _realtimePriority;
    private volatile bool _disposed;

    public UdpMux(IPEndPoint bind, ILogger logger, int realtimePriority = 0)
    {
        _logger = logger;
        _realtimePriority = realtimePriority;
        _faults = new SocketFaults(Counters, logger);
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = 8 * 1024 * 1024,
            SendBufferSize = 8 * 1024 * 1024,
        };
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "media-udp", Priority = ThreadPriority.AboveNormal };
    }

    public IPEndPoint LocalEndPoint { get; }
    public PacketCounters Counters { get; } = new();
    /// <summary>Receive → last copy sent, per incoming SRTP datagram.</summary>
    public DispatchLatencyHistogram DispatchLatency { get; } = new();

    /// <summary>Receive → this copy sent, per forwarded copy: the delay a subscriber sees added.</summary>
    public DispatchLatencyHistogram CopyLatency { get; } = new();

    /// <summary>When the datagram being dispatched left the receive call (packet thread only).</summary>
    internal long ReceivedAt;

    /// <summary>The packet thread's scheduling as <see cref="PacketThreadScheduling.Raise"/> got it (null until the thread runs).</summary>
    internal string? Scheduling { get; private set; }

    /// <summary>Linux thread id of the packet thread (for per-thread CPU accounting in benchmarks); 0 elsewhere.</summary>
    internal int PacketThreadId { get; private set; }

    /// <summary>Bytes the packet thread allocated while dispatching SRTP/SRTCP datagrams (the forwarding path): meant to stay 0.</summary>
    internal long ForwardingAllocatedBytes => Volatile.Read(ref _forwardingAllocatedBytes);
    private long _forwardingAllocatedBytes;

    public void Start() => _receiver.Start();

    public void Register(string localUfrag, PeerTransport peer) => _byUfrag[localUfrag] = peer;

    public void Unregister(string localUfrag) => _byUfrag.TryRemove(localUfrag, out _);

    /// <summary>Forget every address and ufrag that routes to <paramref name="peer"/>.</summary>
    public void Remove(PeerTransport peer)
    {
        foreach (var (ufrag, owner) in _byUfrag) if (owner == peer) _byUfrag.TryRemove(ufrag, out _);
        foreach (var (address, owner) in _byAddress) if (owner == peer) _byAddress.TryRemove(address, out _);
    }

    public void Send(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, to);
        }
        catch (SocketException e)
        {
            _faults.SendFailed(e);
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // The engine is stopping: a report or a handshake flight racing the close has nowhere to go.
        }
    }

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateArray<byte>(65536, pinned: true);
        var from = new SocketAddress(_socket.AddressFamily);
        if (OperatingSystem.IsLinux() && new FileInfo("/proc/thread-self").LinkTarget is { } self &&
            int.TryParse(self[(self.LastIndexOf('/') + 1)..], out var tid))
        {
            PacketThreadId = tid;
        }
        Scheduling = PacketThreadScheduling.Raise(_realtimePriority);
        TransportLog.PacketThreadScheduling(_logger, LocalEndPoint, Scheduling);
        while (!_disposed)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (_disposed)
            {
                return; // Dispose closed the socket under the blocked receive (EINTR): the packet thread ends here
            }
            catch (SocketException e)
            {
                _faults.ReceiveFailed(e);
                continue;
            }
            catch (ObjectDisposedException)
            {
                return; // Dispose closed the socket: the packet thread ends here
            }
            try
            {
                ReceivedAt = Stopwatch.GetTimestamp();
                if (length > 0 && buffer[0] >= 128)
                {
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    Dispatch(buffer.AsSpan(0, length), from);
                    DispatchLatency.Record(Stopwatch.GetTimestamp() - ReceivedAt);
                    Volatile.Write(ref _forwardingAllocatedBytes, _forwardingAllocatedBytes + GC.GetAllocatedBytesForCurrentThread() - allocated);
                }
                else
                {
                    Dispatch(buffer.AsSpan(0, length), from);
                }
            }
            catch (Exception e)
            {
                _faults.DispatchFailed(length, e); // one bad datagram never stops the port
            }
        }
    }

    internal void Dispatch(Span<byte> datagram, SocketAddress from)
    {
        Counters.Received++;
        Counters.BytesReceived += datagram.Length;
        if (datagram.Length == 0) return;
        var first = datagram[0];
        if (first < 4)
        {
            Counters.Stun++;
            HandleStun(datagram, from);
            return;
        }
        if (!_byAddress.TryGetValue(from, out var peer))
        {
            Counters.Drop(DropReason.UnknownAddress);
            return;
        }
        if (first is >= 20 and <= 63)
        {
            Counters.Dtls++;
            if (!peer.OnDtls(datagram)) Counters.Drop(DropReason.DtlsRefused);
        }
        else if (first is >= 128 and <= 191)
        {
            peer.OnSrtp(datagram);
        }
        else
        {
            Counters.Drop(DropReason.Malformed);
        }
    }

    private void HandleStun(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (StunMessage.TryParse(datagram, out var message) != StunParseError.None)
        {
            Counters.Drop(DropReason.Malformed);
            return;
        }
        if (message.Type != StunConstants.BindingRequest) return; // indications are keepalives; lite agents send no requests
        var username = message.Username;
        var colon = username.IndexOf((byte)':');
        if (colon <= 0 || !_byUfrag.TryGetValue(Encoding.ASCII.GetString(username[..colon]), out var peer))
        {
            Counters.Drop(DropReason.Unauthenticated);
            return;
        }

        Span<byte> response = stackalloc byte[128];
        var address = CopyOf(from);
        var length = peer.Ice.HandleBindingRequest(message, address, response);
        if (length == 0)
        {
            Counters.Drop(DropReason.Unauthenticated);
            return;
        }
        // An authenticated check binds its source address to this peer, even if another peer had it before
        // (a closed page's port reused by a new peer connection).
        if (!_byAddress.TryGetValue(from, out var bound) || !ReferenceEquals(bound, peer)) _byAddress[address] = peer;
        Send(response[..length], from);
        peer.OnIceCheck();
    }

    private static SocketAddress CopyOf(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
        if (_receiver.IsAlive) _receiver.Join(TimeSpan.FromSeconds(2));
    }
}
