using System.Collections.Concurrent;
using System.Net;
using Engagement.Media.Dtls;
using Engagement.Media.Sfu;
using Engagement.Media.Srtp;
using Engagement.Media.Tests.Bench;
using Engagement.Media.Tests.Fuzz;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Tls;

namespace Engagement.Media.Tests.Telemetry;

/// <summary>Failures that used to vanish in a catch-all: each is now logged at its level with its event id, and counted.</summary>
public sealed class FailureTelemetryTests
{
    [Fact]
    public async Task A_peer_presenting_another_certificate_fails_its_handshake_counted_and_logged_at_information()
    {
        var logs = new RecordingLoggerFactory();
        using var metrics = QuietTelemetry.Metrics();
        using var recorder = new MetricRecorder(metrics.Meter);
        using var pool = new DtlsHandshakePool(1, 4, QuietTelemetry.Dtls(logs.CreateLogger(DtlsLog.Category), metrics));
        var server = DtlsCertificate.Generate();
        var announced = DtlsCertificate.Generate();
        var impostor = DtlsCertificate.Generate();
        var toClient = new BlockingCollection<byte[]>();
        var failed = new TaskCompletionSource<string>();
        DtlsSession? session = null;
        session = new DtlsSession(server, DtlsCertificate.FingerprintAlgorithm, announced.Fingerprint, pool,
            datagram => toClient.Add(datagram.ToArray()), _ => failed.TrySetResult("connected"), reason => failed.TrySetResult(reason), "the impostor");

        var client = Task.Run(() => new DtlsClientProtocol().Connect(
            new BenchDtlsClient(impostor, server.Fingerprint, SrtpProfile.AeadAes128Gcm), new DtlsPipe(toClient, d => session.OnDatagram(d))));

        var reason = await failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("fingerprint", reason);
        Assert.Equal(1, recorder.Value("engagement.media.dtls.handshakes", "outcome=failed", "reason=bad_certificate"));
        var line = Assert.Single(logs.WithEventId(201));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("the impostor", line.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => client); // the client hears the alert
    }

    [Fact]
    public async Task A_host_handler_that_throws_is_logged_as_a_warning_and_the_room_carries_on()
    {
        var logs = new RecordingLoggerFactory();
        using var engine = (SfuEngine)MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback }, logs);
        using var recorder = new MetricRecorder(engine.Metrics.Meter);
        var room = engine.CreateRoom("r");
        var heard = new List<MediaRoomEvent>();
        room.Changed += (_, _) => throw new InvalidOperationException("the host's bug");
        room.Changed += (_, e) => heard.Add(e);

        await room.JoinAsync("a", SampleOffers.Chromium);

        Assert.Contains(heard, e => e is ParticipantJoined);
        var line = Assert.Single(logs.WithEventId(111), l => l.Message.Contains(nameof(ParticipantJoined)));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.IsType<InvalidOperationException>(line.Exception);
        Assert.True(recorder.Value("engagement.media.errors", "where=room_event_handler") >= 1);
        Assert.True(room.Leave("a"));
    }
}
