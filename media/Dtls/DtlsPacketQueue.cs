using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Dtls;

/// <summary>
/// BouncyCastle's view of one peer's DTLS flow: datagrams the UDP demultiplexer hands over are
/// queued here and taken by the (blocking) handshake; sends go back out through the shared socket.
/// </summary>
internal sealed class DtlsPacketQueue(Action<ReadOnlyMemory<byte>> send) : DatagramTransport
{
    public const int Mtu = 1200;
    private const int MaxQueued = 64;
    private readonly BlockingCollection<byte[]> _incoming = new(MaxQueued);
    private readonly CancellationTokenSource _closing = new();
    private volatile bool _closed;

    public int Pending => _incoming.Count;

    /// <summary>Queues a datagram; false when closed or full (the peer retransmits).</summary>
    public bool Enqueue(ReadOnlySpan<byte> datagram) => !_closed && _incoming.TryAdd(datagram.ToArray());

    public int GetReceiveLimit() => 1500;
    public int GetSendLimit() => Mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (_closed) throw new TlsFatalAlert(AlertDescription.close_notify);
        byte[]? datagram;
        try
        {
            // Closing wakes a handshake blocked here at once: a peer that went away mid-handshake must not
            // hold one of the few handshake threads until BouncyCastle's retransmission timer runs out.
            if (!_incoming.TryTake(out datagram, waitMillis, _closing.Token)) return -1;
        }
        catch (OperationCanceledException)
        {
            throw new TlsFatalAlert(AlertDescription.close_notify);
        }
        var length = Math.Min(datagram.Length, buffer.Length);
        datagram.AsSpan(0, length).CopyTo(buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (!_closed) send(buffer.ToArray());
    }

    public void Close()
    {
        _closed = true;
        _closing.Cancel(); // never disposed: a late Close must not throw
    }
}
