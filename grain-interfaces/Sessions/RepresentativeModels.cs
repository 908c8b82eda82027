namespace Engagement;

/// <summary>Where a session waiting for a chosen representative stands.</summary>
public enum RepresentativeState
{
    /// <summary>The representative went offline or away; unless they are back by the deadline, anyone in the queue answers.</summary>
    Unavailable = 0,
    /// <summary>The representative is back; the session waits for them again.</summary>
    Available = 1,
    /// <summary>The session no longer waits for the representative: the queue's next available agent answers.</summary>
    FellBack = 2,
}

/// <summary>Why a chosen representative is unavailable or was given up on.</summary>
public enum RepresentativeReason
{
    Offline = 0,
    Away = 1,
    /// <summary>The representative declined the session.</summary>
    Declined = 2,
    /// <summary>The representative let the offer time out.</summary>
    NoAnswer = 3,
    /// <summary>They stayed unavailable until the deadline.</summary>
    WaitExpired = 4,
    /// <summary>The visitor chose to talk to anyone instead.</summary>
    VisitorChoice = 5,
}

/// <summary>Tells a session (and its visitor) what became of the representative it waits for.</summary>
/// <param name="FallbackAt">For <see cref="RepresentativeState.Unavailable"/>: when the session goes to the whole queue.</param>
/// <param name="Version">Grows with every notice about the session; ignore one lower than the last seen.</param>
[GenerateSerializer, Immutable, Alias("engagement.representative-notice")]
public sealed record RepresentativeNotice(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] RepresentativeState State,
    [property: Id(3)] RepresentativeReason? Reason,
    [property: Id(4)] DateTimeOffset? FallbackAt,
    [property: Id(5)] long Version);
