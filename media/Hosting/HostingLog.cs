using System.Net;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Hosting;

/// <summary>What the media hosting logs: category Engagement.Media, event ids 1–99.</summary>
internal static partial class HostingLog
{
    public const string Category = "Engagement.Media";

    /// <summary>Tools read this line for the node's media port (load-tests' SiloProcess.MediaPort): keep its wording.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Media engine listening on udp://{EndPoint}")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint);
}
