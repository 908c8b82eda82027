namespace Engagement.LoadTests.Chat;

// The parts of the product's JSON (docs/protocol.md) the load tool reads. Declared here rather than
// referenced from the product so the tool talks to the server exactly as an outside client does.

internal sealed record SessionViewDto(string SessionId, string Status);

internal sealed record ChatMessageDto(string SessionId, long Seq, string Kind, string SenderRole, string Text);

internal sealed record JoinResultDto(SessionViewDto Session, ChatMessageDto[] Missed);

internal sealed record SessionOfferDto(string SessionId);

internal sealed record AgentStatusDto(string AgentId, SessionOfferDto[] PendingOffers);

internal sealed record MessageAckDto(string SessionId, long Seq, bool Duplicate);
