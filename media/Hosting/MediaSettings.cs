using System.Net;

namespace Engagement.Media.Hosting;

/// <summary>
/// The media settings an operator configures, bound from "Engagement:Media" (docs/operations.md). A key left
/// out keeps the engine's own default (<see cref="MediaEngineOptions"/>), so each default lives there only.
/// </summary>
public sealed class MediaSettings
{
    public const string Section = "Engagement:Media";

    /// <summary>Address the node's UDP port binds to.</summary>
    public string? BindAddress { get; set; }

    /// <summary>The node's UDP port for all media (0: any free port).</summary>
    public int? Port { get; set; }

    /// <summary>The address clients should reach, put in ICE candidates (default: the bind address).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Bitrate announced to publishers (REMB).</summary>
    public long? PublisherBitrate { get; set; }

    /// <summary>SCHED_FIFO priority of the packet thread and fan-out helpers on Linux (0: never asked for).</summary>
    public int? PacketThreadRealtimePriority { get; set; }

    /// <summary>Test-only fault injection: fraction of forwarded video packets dropped on first send.</summary>
    public double? SimulatedVideoLoss { get; set; }

    /// <summary>What is wrong with these values, each naming its key; empty when they are usable. Checked when the host is composed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string key, string why)
        {
            if (!ok) problems.Add($"{Section}:{key} {why}");
        }
        Check(BindAddress is not { Length: > 0 } bind || IPAddress.TryParse(bind, out _), nameof(BindAddress), $"must be an IP address (it is \"{BindAddress}\").");
        Check(AdvertisedAddress is not { Length: > 0 } advertised || IPAddress.TryParse(advertised, out _), nameof(AdvertisedAddress), $"must be an IP address (it is \"{AdvertisedAddress}\").");
        // Binding every interface leaves nothing to put in the ICE candidates: SfuEngine would refuse it at start.
        Check(!(BindAddress is { Length: > 0 } any && IPAddress.TryParse(any, out var all) && (all.Equals(IPAddress.Any) || all.Equals(IPAddress.IPv6Any)))
            || AdvertisedAddress is { Length: > 0 }, nameof(AdvertisedAddress), $"must be set when BindAddress is {BindAddress}: the IP address browsers send media to.");
        Check(Port is null or (>= 0 and <= 65535), nameof(Port), $"must be from 0 (any free port) to 65535 (it is {Port}).");
        Check(PublisherBitrate is null or (>= 100_000 and <= 100_000_000), nameof(PublisherBitrate), $"must be from 100000 to 100000000 bits/s (it is {PublisherBitrate}).");
        Check(PacketThreadRealtimePriority is null or (>= 0 and <= 99), nameof(PacketThreadRealtimePriority), $"must be from 0 (never asked for) to 99 (it is {PacketThreadRealtimePriority}).");
        Check(SimulatedVideoLoss is null or (>= 0 and <= 1), nameof(SimulatedVideoLoss), $"must be from 0 to 1 (it is {SimulatedVideoLoss}).");
        return problems;
    }

    public MediaEngineOptions ToOptions()
    {
        var defaults = new MediaEngineOptions();
        return defaults with
        {
            BindAddress = BindAddress is { Length: > 0 } bind ? IPAddress.Parse(bind) : defaults.BindAddress,
            Port = Port ?? defaults.Port,
            AdvertisedAddress = AdvertisedAddress is { Length: > 0 } advertised ? IPAddress.Parse(advertised) : defaults.AdvertisedAddress,
            PublisherBitrate = PublisherBitrate ?? defaults.PublisherBitrate,
            SimulatedVideoLoss = SimulatedVideoLoss ?? defaults.SimulatedVideoLoss,
            PacketThreadRealtimePriority = PacketThreadRealtimePriority ?? defaults.PacketThreadRealtimePriority,
        };
    }
}
