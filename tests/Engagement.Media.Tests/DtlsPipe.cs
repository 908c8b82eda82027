using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Tests;

/// <summary>A BouncyCastle DTLS client's transport in memory: it reads what our session sends and hands its flights to <paramref name="outgoing"/>.</summary>
internal sealed class DtlsPipe(BlockingCollection<byte[]> incoming, Action<byte[]> outgoing) : DatagramTransport
{
    public int GetReceiveLimit() => 1500;
    public int GetSendLimit() => 1200;
    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (!incoming.TryTake(out var datagram, waitMillis)) return -1;
        datagram.CopyTo(buffer);
        return datagram.Length;
    }

    public void Send(byte[] buf, int off, int len) => outgoing(buf.AsSpan(off, len).ToArray());
    public void Send(ReadOnlySpan<byte> buffer) => outgoing(buffer.ToArray());
    public void Close() { }
}
