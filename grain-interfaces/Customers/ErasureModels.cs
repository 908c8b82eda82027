namespace Engagement;

/// <summary>What erasing a contact removed (docs/protocol.md, Erasure).</summary>
/// <param name="MergedVisitors">Anonymous visitor ids merged into the contact, erased with it.</param>
[GenerateSerializer, Immutable, Alias("engagement.erasure-report")]
public sealed record ErasureReport(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] int Sessions,
    [property: Id(2)] int Conversations,
    [property: Id(3)] long Messages,
    [property: Id(4)] long OtherRows,
    [property: Id(5)] string[] MergedVisitors);

/// <summary>What erasing one conversation removed, and its chats (for the caller to erase).</summary>
/// <param name="OtherRows">Rows beside the messages: the inbox's index, mail in and out, webhook deliveries.</param>
[GenerateSerializer, Immutable, Alias("engagement.conversation-erased")]
public sealed record ConversationErased(
    [property: Id(0)] long Messages,
    [property: Id(1)] long OtherRows,
    [property: Id(2)] string[] SessionIds);
