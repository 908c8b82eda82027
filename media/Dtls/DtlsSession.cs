using System.Diagnostics;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Dtls;

/// <summary>
/// One peer's DTLS association (RFC 6347, server role per RFC 5763 setup:passive): queues records
/// from the demultiplexer, runs the handshake on the pool, then hands over the SRTP keys. Records
/// after the handshake (retransmitted final flights, alerts) are fed to BouncyCastle on the pool too.
/// Outcomes are logged and counted through the pool's <see cref="DtlsHandshakePool.Telemetry"/>.
/// </summary>
internal sealed class DtlsSession : IDisposable
{
    private readonly DtlsCertificate _certificate;
    private readonly string _fingerprintAlgorithm, _fingerprint;
    private readonly DtlsHandshakePool _pool;
    private readonly DtlsPacketQueue _queue;
    private readonly Action<DtlsSrtpKeys> _connected;
    private readonly Action<string> _failed;
    private readonly string _peer;
    private DtlsTransport? _transport;
    private int _state; // 0 new, 1 handshaking, 2 connected, 3 failed or closed
    private int _draining;
    private volatile bool _disposed;

    private readonly int _handshakeTimeoutMillis;

    /// <param name="peer">Names the peer in logs.</param>
    public DtlsSession(DtlsCertificate certificate, string fingerprintAlgorithm, string fingerprint, DtlsHandshakePool pool,
        Action<ReadOnlyMemory<byte>> send, Action<DtlsSrtpKeys> connected, Action<string> failed, string peer, int handshakeTimeoutMillis = 15_000)
    {
        _handshakeTimeoutMillis = handshakeTimeoutMillis;
        _certificate = certificate;
        _fingerprintAlgorithm = fingerprintAlgorithm;
        _fingerprint = fingerprint;
        _pool = pool;
        _queue = new DtlsPacketQueue(send);
        _connected = connected;
        _failed = failed;
        _peer = peer;
    }

    public bool IsConnected => Volatile.Read(ref _state) == 2;

    /// <summary>
    /// Called on the packet thread with a datagram whose first byte is 20-63 (RFC 7983). False when it was not
    /// taken: not a well-formed record, the association is over, or its queue is full.
    /// </summary>
    public bool OnDatagram(ReadOnlySpan<byte> datagram)
    {
        if (!DtlsRecordHeader.IsWellFormedDatagram(datagram)) return false;
        var state = Volatile.Read(ref _state);
        if (state == 3 || !_queue.Enqueue(datagram)) return false;
        if (state == 0 && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            if (!_pool.TrySubmit(Handshake)) Volatile.Write(ref _state, 0); // pool full: retry on the next flight
        }
        else if (state == 2 && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            if (!_pool.TrySubmit(Drain)) Volatile.Write(ref _draining, 0);
        }
        return true;
    }

    private void Handshake()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var server = new DtlsSrtpServer(_certificate, _fingerprintAlgorithm, _fingerprint, _handshakeTimeoutMillis);
            var transport = new DtlsServerProtocol().Accept(server, _queue);
            _transport = transport;
            if (server.Keys is null) throw new TlsFatalAlert(AlertDescription.internal_error, "no SRTP keys exported");
            Volatile.Write(ref _state, 2);
            _pool.Telemetry.Completed(_peer, Stopwatch.GetElapsedTime(started));
            _connected(server.Keys);
        }
        catch (Exception) when (_disposed)
        {
            // Closing the queue is how Dispose wakes a handshake waiting for a flight: the peer left, nobody to tell.
            Volatile.Write(ref _state, 3);
            _pool.Telemetry.Abandoned(_peer, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            // The peer's doing (wrong certificate, no SRTP, garbage, silence): it fails, and its participant leaves.
            Volatile.Write(ref _state, 3);
            _queue.Close();
            _pool.Telemetry.Failed(_peer, e, Stopwatch.GetElapsedTime(started));
            _failed(e.Message);
        }
    }

    private void Drain()
    {
        var buffer = new byte[2048];
        try
        {
            while (_queue.Pending > 0 && _transport is { } transport)
            {
                // Application data is not used (no data channels); this only lets BouncyCastle answer
                // a retransmitted client flight and notice close_notify.
                if (transport.Receive(buffer, 0, buffer.Length, 1) < 0) break; // 0 would mean no timeout
            }
        }
        catch (Exception e)
        {
            // An alert, close_notify or a broken record ends the association; consent expiry removes the peer.
            Volatile.Write(ref _state, 3);
            _pool.Telemetry.AssociationEnded(_peer, e);
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Volatile.Write(ref _state, 3);
        _queue.Close();
    }
}
