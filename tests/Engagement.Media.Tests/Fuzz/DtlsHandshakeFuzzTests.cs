using System.Collections.Concurrent;
using CsCheck;
using Engagement.Media.Dtls;
using Engagement.Media.Srtp;
using Engagement.Media.Tests.Bench;
using Engagement.Media.Tests.Telemetry;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Tests.Fuzz;

/// <summary>
/// Malformed DTLS records reaching the real handshake (BouncyCastle behind our session): every
/// session ends with a reported reason or is refused up front, nothing escapes to the packet
/// thread, and the handshake pool still completes a genuine handshake afterwards.
/// </summary>
public sealed class DtlsHandshakeFuzzTests
{
    [Fact]
    public void Mutated_client_flights_are_rejected_and_the_pool_survives() => Bounded.Run(() =>
    {
        var server = DtlsCertificate.Generate();
        var client = DtlsCertificate.Generate();
        var clientHello = CaptureClientHello(client, server);
        using var pool = new DtlsHandshakePool(threads: 4, queueCapacity: 1024, QuietTelemetry.Dtls());
        var failures = new ConcurrentBag<string>();
        var started = 0;
        Mutations.Of(clientHello).Sample(datagram =>
        {
            var session = new DtlsSession(server, DtlsCertificate.FingerprintAlgorithm, client.Fingerprint, pool,
                _ => { }, _ => failures.Add("unexpected: connected"), failures.Add, "fuzzed peer", handshakeTimeoutMillis: 300);
            session.OnDatagram(datagram); // must not throw, whatever the bytes
            if (DtlsRecordHeader.IsWellFormedDatagram(datagram)) Interlocked.Increment(ref started);
        }, iter: 150, threads: 1);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (failures.Count < started && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.True(started > 20, $"only {started} mutated flights still looked like DTLS records");
        Assert.Equal(started, failures.Count);
        Assert.DoesNotContain("unexpected: connected", failures);
        Assert.All(failures, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));

        // The same pool still runs a real handshake to the end.
        Assert.True(GenuineHandshakeSucceeds(server, client, pool));
    }, seconds: 120);

    /// <summary>The first flight of a real BouncyCastle DTLS client, captured by a transport that then aborts.</summary>
    private static byte[] CaptureClientHello(DtlsCertificate client, DtlsCertificate server)
    {
        byte[]? first = null;
        var transport = new Capture(datagram => first ??= datagram);
        try
        {
            new DtlsClientProtocol().Connect(new BenchDtlsClient(client, server.Fingerprint, SrtpProfile.AeadAes128Gcm), transport);
        }
        catch (Exception)
        {
            // Expected: the capture transport aborts after the first flight.
        }
        return first ?? throw new InvalidOperationException("client sent nothing");
    }

    private static bool GenuineHandshakeSucceeds(DtlsCertificate server, DtlsCertificate client, DtlsHandshakePool pool)
    {
        var toClient = new BlockingCollection<byte[]>();
        var connected = new ManualResetEventSlim();
        DtlsSession? session = null;
        session = new DtlsSession(server, DtlsCertificate.FingerprintAlgorithm, client.Fingerprint, pool,
            datagram => toClient.Add(datagram.ToArray()), _ => connected.Set(), _ => { }, "genuine peer");
        var clientTransport = new DtlsPipe(toClient, datagram => session.OnDatagram(datagram));
        var clientTask = Task.Run(() => new DtlsClientProtocol().Connect(
            new BenchDtlsClient(client, server.Fingerprint, SrtpProfile.AeadAes128Gcm), clientTransport));
        return connected.Wait(TimeSpan.FromSeconds(30)) && clientTask.Wait(TimeSpan.FromSeconds(30));
    }

    private sealed class Capture(Action<byte[]> sent) : DatagramTransport
    {
        public int GetReceiveLimit() => 1500;
        public int GetSendLimit() => 1200;
        public int Receive(byte[] buf, int off, int len, int waitMillis) => throw new IOException("capture done");
        public int Receive(Span<byte> buffer, int waitMillis) => throw new IOException("capture done");
        public void Send(byte[] buf, int off, int len) => sent(buf.AsSpan(off, len).ToArray());
        public void Send(ReadOnlySpan<byte> buffer) => sent(buffer.ToArray());
        public void Close() { }
    }
}
