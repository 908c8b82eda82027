namespace Engagement.Email;

/// <summary>
/// The seam between the email channel and conversations: takes each mail from a person, once it is stored, parsed
/// and classified. Implemented over conversations (new conversation, continued, unknown token); registered as a
/// singleton. Until one is registered, stored mail waits (the processor logs a warning once).
/// </summary>
/// <remarks>
/// Delivery is at least once: a silo that dies during the call, or a call that throws, means the same mail
/// (same <see cref="InboundMail.RawMailId"/> and Message-ID) comes again, so the handler must be idempotent per
/// <see cref="InboundMail.RawMailId"/>. A throw is stored on the mail's row and retried later with backoff.
/// </remarks>
public interface IInboundMailHandler
{
    Task<InboundMailOutcome> HandleAsync(InboundMail mail, CancellationToken cancellationToken);
}

/// <summary>What a handler did with a mail.</summary>
public enum InboundMailResult
{
    /// <summary>A new conversation was started from it.</summary>
    StartedConversation = 0,
    /// <summary>It was added to an existing conversation.</summary>
    ContinuedConversation = 1,
    /// <summary>It carried a token no conversation has; <see cref="InboundMailOutcome.Detail"/> says what was done instead.</summary>
    UnknownToken = 2,
    /// <summary>Deliberately not taken (e.g. a closed queue, a blocked sender); the detail says why.</summary>
    Rejected = 3,
}

/// <summary>A handler's answer, stored on the raw mail's row and logged.</summary>
public sealed record InboundMailOutcome(InboundMailResult Result, string? ConversationId = null, string? Detail = null)
{
    public static InboundMailOutcome Started(string conversationId) => new(InboundMailResult.StartedConversation, conversationId);
    public static InboundMailOutcome Continued(string conversationId) => new(InboundMailResult.ContinuedConversation, conversationId);
    public static InboundMailOutcome UnknownToken(string detail, string? conversationId = null) => new(InboundMailResult.UnknownToken, conversationId, detail);
    public static InboundMailOutcome Rejected(string reason) => new(InboundMailResult.Rejected, null, reason);
}
