namespace Engagement;

/// <summary>
/// How a supervisor takes part in a session (docs/protocol.md, "Agent hub: supervision"): <see cref="Monitor"/> watches
/// unseen, <see cref="Whisper"/> also speaks to the assigned agent alone, <see cref="Barge"/> joins the conversation
/// visibly.
/// </summary>
public enum SupervisionMode
{
    Monitor = 0,
    Whisper = 1,
    Barge = 2,
}

/// <summary>A supervisor (or admin) supervising a session. Staff see every one; the visitor sees only those who barged in, as participants.</summary>
/// <param name="Since">When the current mode began.</param>
/// <param name="WhisperAudio">In a call: the supervisor's microphone reaches the assigned agent (push-to-whisper held).</param>
[GenerateSerializer, Immutable, Alias("engagement.session-supervisor")]
public sealed record SessionSupervisor(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] SupervisionMode Mode,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] bool WhisperAudio = false);
