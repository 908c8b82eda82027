using System.Collections.Concurrent;
using System.Net;
using Engagement.Media.Dtls;
using Engagement.Media.Transport;

namespace Engagement.Media.Sfu;

/// <summary>
/// The node's SFU (<see cref="IMediaEngine"/>): one UDP port, one DTLS certificate, the handshake
/// pool, the rooms, and a timer that sends receiver reports and REMB and enforces consent.
/// </summary>
internal sealed class SfuEngine : IMediaEngine
{
    private readonly ConcurrentDictionary<string, SfuRoom> _rooms = new();
    private readonly Timer _reportTimer;

    public SfuEngine(MediaEngineOptions options)
    {
        Options = options;
        var advertised = options.AdvertisedAddress ?? options.BindAddress;
        if (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
            throw new ArgumentException("AdvertisedAddress is required when binding to all interfaces", nameof(options));
        Certificate = DtlsCertificate.Generate();
        HandshakePool = new DtlsHandshakePool(Math.Max(1, options.HandshakeThreads), Math.Max(1, options.HandshakeQueue));
        Mux = new UdpMux(new IPEndPoint(options.BindAddress, options.Port));
        if (options.FanOutHelperThreads > 0) ParallelFanOut = new ParallelFanOut(options.FanOutHelperThreads, Math.Max(2, options.ParallelFanOutThreshold));
        AdvertisedEndPoint = new IPEndPoint(options.AdvertisedAddress ?? options.BindAddress, Mux.LocalEndPoint.Port);
        Mux.Start();
        _reportTimer = new Timer(_ => SendReports(), null, options.ReportInterval, options.ReportInterval);
    }

    public MediaEngineOptions Options { get; }
    public DtlsCertificate Certificate { get; }
    public DtlsHandshakePool HandshakePool { get; }
    public UdpMux Mux { get; }
    public IPEndPoint AdvertisedEndPoint { get; }
    public ParallelFanOut? ParallelFanOut { get; }
    public IPEndPoint LocalEndPoint => Mux.LocalEndPoint;

    public IMediaRoom CreateRoom(string roomId) => _rooms.GetOrAdd(roomId, id => new SfuRoom(this, id));

    public IMediaRoom? GetRoom(string roomId) => _rooms.GetValueOrDefault(roomId);

    public bool CloseRoom(string roomId)
    {
        if (!_rooms.TryRemove(roomId, out var room)) return false;
        room.Close();
        return true;
    }

    public MediaEngineStats GetStats()
    {
        var c = Mux.Counters;
        return new MediaEngineStats(_rooms.Count, _rooms.Values.Sum(r => r.Members.Length), c.Received, c.RtpReceived,
            c.RtcpReceived, c.Forwarded, c.Retransmitted, c.DroppedUnprotectFailed, c.DroppedMalformed,
            c.DroppedUnknownAddress, c.DroppedSimulatedLoss);
    }

    private void SendReports()
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
        }
        catch (Exception)
        {
            // The next tick tries again; a timer callback must not throw.
        }
    }

    public void Dispose()
    {
        _reportTimer.Dispose();
        foreach (var id in _rooms.Keys) CloseRoom(id);
        Mux.Dispose();
        ParallelFanOut?.Dispose();
        HandshakePool.Dispose();
    }
}
