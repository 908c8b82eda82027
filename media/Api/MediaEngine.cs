using System.Diagnostics.Metrics;
using Engagement.Media.Sfu;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Media;

/// <summary>Starts this project's own SFU media plane (ICE-lite, DTLS-SRTP, selective forwarding).</summary>
public static class MediaEngine
{
    /// <summary>Binds the UDP port and starts the packet thread; dispose the engine to stop.</summary>
    /// <param name="loggers">Where it logs (categories Engagement.Media.*); nowhere if null.</param>
    /// <param name="meters">Creates its meter "Engagement.Media"; without one it creates its own.</param>
    public static IMediaEngine Start(MediaEngineOptions options, ILoggerFactory? loggers = null, IMeterFactory? meters = null) =>
        new SfuEngine(options, loggers ?? NullLoggerFactory.Instance, meters);
}
