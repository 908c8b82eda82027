namespace Engagement;

/// <summary>Which contacts a list asks for, most recently seen first.</summary>
/// <param name="Text">Part of the id, name or email address to look for (case-insensitive); null: every contact.</param>
/// <param name="VisibleQueues">For agents: conversations are counted only in these queues, or when assigned to <paramref name="Viewer"/>. Null: all.</param>
/// <param name="Before">Paging: only contacts last seen before this (the last row's, from the previous page).</param>
public sealed record ContactQuery(
    string? Text = null,
    string[]? VisibleQueues = null,
    string? Viewer = null,
    DateTimeOffset? Before = null,
    int Limit = Limits.ContactsPageDefault);

/// <summary>One contact in the contacts list: who, what is known of them, and how much they talked with the team.</summary>
/// <param name="IsKnown">Identified with the company's own customer id; false for anonymous visitors and contacts known only by email or an API channel.</param>
/// <param name="ConversationCount">Their conversations the caller may see.</param>
/// <param name="LastSeenAt">Their own last activity: on the site, a chat, a message left, a change of identity or attributes.</param>
/// <param name="LastConversationAt">The newest activity in those conversations (a reply of the team too); null without any.</param>
public sealed record ContactSummary(
    string ContactId,
    bool IsKnown,
    string? Name,
    string? Email,
    Dictionary<string, string> Attributes,
    int ConversationCount,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? LastConversationAt);

/// <summary>
/// The contacts list, read from the contacts projection in PostgreSQL (grains/Customers/ContactIndex.cs) without a grain
/// in the way: the customer grains keep it up to date; merged visitors are not listed.
/// </summary>
public interface IContactLists
{
    /// <summary>One page of contacts, most recently seen first.</summary>
    Task<ContactSummary[]> ListAsync(ContactQuery query, CancellationToken cancellationToken = default);
}
