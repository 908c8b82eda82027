namespace Engagement.Sessions;

/// <summary>Persisted state of a session (lifecycle and participants). The transcript lives in the transcript store.</summary>
[GenerateSerializer, Alias("engagement.session-state")]
public sealed class SessionState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string CustomerId { get; set; } = "";
    /// <summary>Every customer id that reaches this session as its visitor (the anonymous id, then the identified one).</summary>
    [Id(2)] public List<string> CustomerIds { get; set; } = [];
    [Id(3)] public string QueueId { get; set; } = "";
    [Id(4)] public string? Topic { get; set; }
    [Id(5)] public string[] RequiredSkills { get; set; } = [];
    [Id(6)] public string Channel { get; set; } = "web";
    [Id(7)] public SessionStatus Status { get; set; }
    [Id(8)] public List<Participant> Participants { get; set; } = [];
    [Id(9)] public SessionTimings Timings { get; set; } = new(default(DateTimeOffset));
    [Id(10)] public string? AssignedAgentId { get; set; }
    [Id(11)] public string? OfferedTo { get; set; }
    [Id(12)] public string? Outcome { get; set; }
    /// <summary>The representative the visitor asked for, if any.</summary>
    [Id(13)] public string? PreferredAgentId { get; set; }
    [Id(14)] public SessionRating? Rating { get; set; }
    /// <summary>How far each participant has read (participant id → seq).</summary>
    [Id(15)] public Dictionary<string, long> ReadUpTo { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Private staff notes, oldest first (at most <see cref="Limits.Notes"/>).</summary>
    [Id(16)] public List<SessionNote> Notes { get; set; } = [];
    /// <summary>The current or last audio/video call.</summary>
    [Id(17)] public CallState? Call { get; set; }
    /// <summary>A transfer under way (SessionTransfer).</summary>
    [Id(18)] public PendingTransfer? PendingTransfer { get; set; }
    /// <summary>The SLA clocks, when the queue has an SLA policy (SessionSla).</summary>
    [Id(19)] public SlaState? Sla { get; set; }
    /// <summary>Agents in the session beside the assigned one (SessionConference), at most <see cref="Limits.SessionAgents"/> with it.</summary>
    [Id(20)] public List<SessionMember> Members { get; set; } = [];
    /// <summary>Invites into the session not answered yet (SessionConference).</summary>
    [Id(21)] public List<PendingInvite> Invites { get; set; } = [];
    /// <summary>Supervisors and admins supervising the session (SessionSupervision); none once they stop.</summary>
    [Id(22)] public List<SessionSupervisor> Supervisors { get; set; } = [];
}
