using Microsoft.Extensions.Logging;

namespace Engagement.Media.Sfu;

/// <summary>What the SFU logs: category Engagement.Media.Sfu, event ids 100–199.</summary>
internal static partial class SfuLog
{
    public const string Category = "Engagement.Media.Sfu";

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Room {RoomId} opened")]
    public static partial void RoomOpened(ILogger logger, string roomId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Room {RoomId} closed")]
    public static partial void RoomClosed(ILogger logger, string roomId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "{ParticipantId} joined room {RoomId}")]
    public static partial void ParticipantJoined(ILogger logger, string participantId, string roomId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "{ParticipantId} connected in room {RoomId} (ICE and DTLS done)")]
    public static partial void ParticipantConnected(ILogger logger, string participantId, string roomId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "{ParticipantId} left room {RoomId}: {Reason}")]
    public static partial void ParticipantLeft(ILogger logger, string participantId, string roomId, string reason);

    /// <summary>The room removed a participant by itself: its peer stopped answering, never connected, or failed DTLS.</summary>
    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "{ParticipantId} was removed from room {RoomId}: {Reason}")]
    public static partial void ParticipantRemoved(ILogger logger, string participantId, string roomId, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "The report and liveness tick failed; the next tick tries again")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "A handler of room {RoomId}'s {Event} event threw; the room carries on")]
    public static partial void EventHandlerFailed(ILogger logger, string roomId, string @event, Exception exception);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning,
        Message = "Forwarding a packet to {ParticipantId} threw; the other subscribers still got it ({Held} more since the last such line)")]
    public static partial void ForwardFailed(ILogger logger, string participantId, long held, Exception exception);
}
