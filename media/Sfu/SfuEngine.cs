using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Engagement.Media.Dtls;
using Engagement.Media.Telemetry;
using Engagement.Media.Transport;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Sfu;

/// <summary>
/// The node's SFU (<see cref="IMediaEngine"/>): one UDP port, one DTLS certificate, the handshake
/// pool, the rooms, and a timer that sends receiver reports and REMB, enforces consent and reports drops.
/// </summary>
internal sealed class SfuEngine : IMediaEngine
{
    private readonly ConcurrentDictionary<string, SfuRoom> _rooms = new();
    private readonly Timer _reportTimer;
    private readonly DropReport _drops;
    private readonly LogGate _forwardFailures = new(TimeSpan.FromSeconds(10));

    public SfuEngine(MediaEngineOptions options, ILoggerFactory loggers, IMeterFactory? meters)
    {
        Options = options;
        var advertised = options.AdvertisedAddress ?? options.BindAddress;
        if (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
            throw new ArgumentException("AdvertisedAddress is required when binding to all interfaces", nameof(options));
        Logger = loggers.CreateLogger(SfuLog.Category);
        Certificate = DtlsCertificate.Generate();
        var transportLogger = loggers.CreateLogger(TransportLog.Category);
        Mux = new UdpMux(new IPEndPoint(options.BindAddress, options.Port), transportLogger, options.PacketThreadRealtimePriority);
        Metrics = new MediaMetrics(meters, Mux.LocalEndPoint.ToString(), Mux.Counters, () => _rooms.Count, () => _rooms.Values.Sum(r => r.Members.Length));
        _drops = new DropReport(Mux.Counters, transportLogger);
        var dtls = new DtlsTelemetry(loggers.CreateLogger(DtlsLog.Category), Metrics);
        HandshakePool = new DtlsHandshakePool(Math.Max(1, options.HandshakeThreads), Math.Max(1, options.HandshakeQueue), dtls);
        if (options.FanOutHelperThreads > 0) ParallelFanOut = new ParallelFanOut(options.FanOutHelperThreads, Math.Max(2, options.ParallelFanOutThreshold), options.PacketThreadRealtimePriority);
        AdvertisedEndPoint = new IPEndPoint(advertised, Mux.LocalEndPoint.Port);
        Mux.Start();
        _reportTimer = new Timer(_ => Tick(), null, options.ReportInterval, options.ReportInterval);
    }

    public MediaEngineOptions Options { get; }
    public ILogger Logger { get; }
    public MediaMetrics Metrics { get; }
    public DtlsCertificate Certificate { get; }
    public DtlsHandshakePool HandshakePool { get; }
    public UdpMux Mux { get; }
    public IPEndPoint AdvertisedEndPoint { get; }
    public ParallelFanOut? ParallelFanOut { get; }
    public IPEndPoint LocalEndPoint => Mux.LocalEndPoint;

    public IMediaRoom CreateRoom(string roomId)
    {
        if (_rooms.TryGetValue(roomId, out var room)) return room;
        var created = new SfuRoom(this, roomId);
        room = _rooms.GetOrAdd(roomId, created);
        if (ReferenceEquals(room, created)) SfuLog.RoomOpened(Logger, roomId);
        return room;
    }

    public IMediaRoom? GetRoom(string roomId) => _rooms.GetValueOrDefault(roomId);

    public bool CloseRoom(string roomId)
    {
        if (!_rooms.TryRemove(roomId, out var room)) return false;
        room.Close();
        SfuLog.RoomClosed(Logger, roomId);
        return true;
    }

    public MediaEngineStats GetStats()
    {
        var c = Mux.Counters;
        return new MediaEngineStats(_rooms.Count, _rooms.Values.Sum(r => r.Members.Length), c.Received, c.RtpReceived,
            c.RtcpReceived, c.Forwarded, c.Retransmitted, DropReasons.All.ToDictionary(r => r.Tag(), c.Dropped));
    }

    /// <summary>One subscriber's copy failed (a bug: forwarding does not throw by design); the others still get theirs.</summary>
    internal void OnForwardFailed(DownTrack down, Exception e)
    {
        Mux.Counters.Drop(DropReason.ForwardFailed);
        Metrics.InternalError("forward");
        if (_forwardFailures.TryPass(out var held)) SfuLog.ForwardFailed(Logger, down.Subscriber.Id, held, e);
    }

    private void Tick()
    {
        try
        {
            foreach (var room in _rooms.Values)
            {
                foreach (var participant in room.Members)
                {
                    if (participant.Connected) participant.SendReports(Options.PublisherBitrate);
                }
                room.CheckLiveness(Options);
            }
            _drops.Report();
        }
        catch (Exception e)
        {
            // A timer callback must not throw; the next tick tries again.
            Metrics.InternalError("report_timer");
            SfuLog.TickFailed(Logger, e);
        }
    }

    public void Dispose()
    {
        _reportTimer.Dispose();
        foreach (var id in _rooms.Keys) CloseRoom(id);
        Mux.Dispose();
        ParallelFanOut?.Dispose();
        HandshakePool.Dispose();
        Metrics.Dispose();
    }
}
