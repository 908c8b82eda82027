namespace Engagement.Sessions;

/// <summary>Persisted state of a session's call. Whether media is flowing is not stored: it belongs to the live room.</summary>
[GenerateSerializer, Alias("engagement.call-state")]
public sealed class CallState
{
    [Id(0)] public string CallId { get; set; } = "";
    [Id(1)] public CallStatus Status { get; set; }
    [Id(2)] public CallMedia Media { get; set; }
    [Id(3)] public string StartedBy { get; set; } = "";
    [Id(4)] public DateTimeOffset StartedAt { get; set; }
    [Id(5)] public DateTimeOffset? AnsweredAt { get; set; }
    [Id(6)] public DateTimeOffset? EndedAt { get; set; }
    [Id(7)] public string? EndReason { get; set; }
    [Id(8)] public List<CallMember> Members { get; set; } = [];
}

/// <summary>A session participant in the call.</summary>
[GenerateSerializer, Alias("engagement.call-member")]
public sealed class CallMember
{
    [Id(0)] public string ParticipantId { get; set; } = "";
    [Id(1)] public ParticipantRole Role { get; set; }
    [Id(2)] public string DisplayName { get; set; } = "";
    [Id(3)] public bool Joined { get; set; }
    [Id(4)] public bool AudioOn { get; set; } = true;
    [Id(5)] public bool VideoOn { get; set; }
}
