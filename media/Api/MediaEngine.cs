using Engagement.Media.Sfu;

namespace Engagement.Media;

/// <summary>Starts this project's own SFU media plane (ICE-lite, DTLS-SRTP, selective forwarding).</summary>
public static class MediaEngine
{
    /// <summary>Binds the UDP port and starts the packet thread; dispose the engine to stop.</summary>
    public static IMediaEngine Start(MediaEngineOptions options) => new SfuEngine(options);
}
