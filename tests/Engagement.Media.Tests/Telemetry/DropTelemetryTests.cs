using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Media.Sfu;
using Engagement.Media.Stun;
using Engagement.Media.Transport;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Tests.Telemetry;

/// <summary>
/// Hostile datagrams on the node's port: each is counted under its reason on the drop counter, and the engine's
/// report tick logs the sum at Debug with event id 300 (TransportLog.PacketsDropped), never one line per packet.
/// </summary>
public sealed class DropTelemetryTests : IDisposable
{
    private readonly RecordingLoggerFactory _logs = new(LogLevel.Debug);
    private readonly SfuEngine _engine;
    private readonly MetricRecorder _metrics;
    private readonly UdpClient _stranger = new(new IPEndPoint(IPAddress.Loopback, 0));

    public DropTelemetryTests()
    {
        var options = new MediaEngineOptions { BindAddress = IPAddress.Loopback, ReportInterval = TimeSpan.FromMilliseconds(100) };
        _engine = (SfuEngine)MediaEngine.Start(options, _logs);
        _metrics = new MetricRecorder(_engine.Metrics.Meter);
    }

    public static TheoryData<string, byte[]> Hostile => new()
    {
        { "malformed", [0x00, 0x01, 0x00, 0x50, 0xde, 0xad] }, // STUN range, shorter than a STUN header
        { "unauthenticated", ForeignCheck() },                    // a well-formed check for a ufrag we never gave out
        { "unknown_address", [0x80, 0x60, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 2, 0xff] }, // SRTP from an address no check bound
        { "unknown_address", [0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },       // DTLS from an address no check bound
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_datagram_is_counted_under_its_reason_and_reported_with_the_drop_event(string reason, byte[] datagram)
    {
        await _stranger.SendAsync(datagram, _engine.LocalEndPoint);

        await Eventually.Until(() => Task.FromResult(_metrics.Value("engagement.media.packets.dropped", $"reason={reason}")), n => n == 1, $"one drop counted as {reason}");
        var report = await Eventually.Until(() => Task.FromResult(_logs.WithEventId(300)), lines => lines.Count > 0, "the drop report");
        Assert.Equal(LogLevel.Debug, report[0].Level);
        Assert.Equal("Engagement.Media.Transport", report[0].Category);
        Assert.Contains($"1 {reason}", report[0].Message);
        Assert.Equal(1, _engine.GetStats().Dropped[reason]);
    }

    [Fact]
    public async Task A_flood_of_garbage_is_one_report_line_per_tick_not_one_per_packet()
    {
        for (var i = 0; i < 500; i++) await _stranger.SendAsync(new byte[] { 0x01, 0x02, 0x03 }, _engine.LocalEndPoint);

        await Eventually.Until(() => Task.FromResult(_metrics.Value("engagement.media.packets.dropped", "reason=malformed")), n => n == 500, "500 drops counted");
        await Task.Delay(300); // a few more ticks: nothing new to report
        var lines = _logs.WithEventId(300);
        Assert.InRange(lines.Count, 1, 5);
        Assert.Equal(500, lines.Sum(l => long.Parse(l.Message.Split(' ')[1])));
    }

    [Fact]
    public void Every_drop_reason_has_its_own_tag() =>
        Assert.Equal(DropReasons.All.Length, DropReasons.Tags.Distinct().Count());

    private static byte[] ForeignCheck()
    {
        var buffer = new byte[128];
        var writer = new StunWriter(buffer, StunConstants.BindingRequest, new byte[12]);
        writer.AddAttribute(StunConstants.AttrUsername, Encoding.ASCII.GetBytes("nobody:stranger"));
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes("some-password-of-22-ch"));
        writer.AddFingerprint();
        return buffer[..writer.Length];
    }

    public void Dispose()
    {
        _stranger.Dispose();
        _metrics.Dispose();
        _engine.Dispose();
    }
}
