using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Client;

// The parts of docs/protocol.md this client reads, as the protocol states them (camelCase JSON, enums as strings).

/// <summary>One durable message of a session's transcript.</summary>
public sealed record ChatMessage(string SessionId, long Seq, string Kind, string SenderId, string SenderRole, string SenderName, string Text, DateTimeOffset At, string? ClientMessageId);

/// <summary>A session as the caller sees it (the fields this client uses).</summary>
public sealed record SessionView(string SessionId, string Status, string CustomerId, string QueueId, long LastSeq, string? AssignedAgentId);

/// <summary>The reply to StartSession, JoinSession and AcceptOffer.</summary>
public sealed record JoinResult(SessionView Session, ChatMessage[] Missed, bool HasMore, long UpToSeq);

/// <summary>A durable acknowledgement, with the message as stored (the sending connection gets no <c>message</c> event for it).</summary>
public sealed record MessageAck(string SessionId, long Seq, DateTimeOffset At, string? ClientMessageId, bool Duplicate, ChatMessage Message);

/// <summary>The <c>reconnect</c> event of a draining node.</summary>
public sealed record ReconnectNotice(string Reason, string Message, DateTimeOffset CloseAt, int SpreadMs);

/// <summary>A participant as a call shows them; <see cref="Connected"/>: their media flows through the node.</summary>
public sealed record CallParticipant(string ParticipantId, string Role, string DisplayName, bool Joined, bool Connected, bool AudioOn, bool VideoOn);

/// <summary>The <c>call</c> event (and the replies of the call methods). Status: ringing, active or ended.</summary>
public sealed record CallView(string SessionId, string CallId, string Status, string Media, string StartedBy, CallParticipant[] Participants, long Version);

/// <summary>The <c>callTrack</c> event: a participant published or stopped a track.</summary>
public sealed record CallTrack(string SessionId, string CallId, string ParticipantId, string TrackId, string Kind, bool Published);

/// <summary>Event and method names, and the JSON shape, from docs/protocol.md.</summary>
public static class Protocol
{
    public const string MessageEvent = "message";
    public const string ReconnectEvent = "reconnect";
    public const string CallEvent = "call";
    public const string CallTrackEvent = "callTrack";
    public const int TranscriptPage = 200;

    public static JsonSerializerOptions Json { get; } = Create();

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
