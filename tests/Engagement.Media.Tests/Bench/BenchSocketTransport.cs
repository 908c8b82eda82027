using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Tests.Bench;

internal delegate void StunHandler(ReadOnlySpan<byte> datagram);

/// <summary>BouncyCastle's datagram view of a load peer's connected UDP socket during the handshake (STUN goes to <paramref name="stun"/>).</summary>
internal sealed class BenchSocketTransport(Socket socket, StunHandler stun) : DatagramTransport
{
    public int GetReceiveLimit() => 1500;
    public int GetSendLimit() => 1200;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        var deadline = Environment.TickCount64 + waitMillis;
        while (true)
        {
            var remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead)) return -1;
            var length = socket.Receive(buffer);
            if (length > 0 && buffer[0] is >= 20 and <= 63) return length;
            if (length > 0 && buffer[0] < 4) stun(buffer[..length]);
        }
    }

    public void Send(byte[] buf, int off, int len) => socket.Send(buf, off, len, SocketFlags.None);
    public void Send(ReadOnlySpan<byte> buffer) => socket.Send(buffer);
    public void Close() { }
}
