namespace Engagement.Api.Endpoints.Contacts;

/// <summary>One page of the contacts list; <see cref="Next"/> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record ContactPage(ContactSummary[] Contacts, DateTimeOffset? Next);

/// <summary>
/// One contact with what is known of them and their conversations (those the caller may see, newest activity first,
/// at most one inbox page; <see cref="ConversationsNext"/> pages the rest through GET /api/conversations?contact=).
/// </summary>
/// <param name="IsKnown">Identified with the company's own customer id.</param>
/// <param name="MergedVisitorIds">Anonymous visitors merged into this contact (identify, or a merge by staff).</param>
/// <param name="MergedInto">Set on an anonymous visitor merged into a known customer: that customer's id (open it instead).</param>
public sealed record ContactDetail(
    string ContactId,
    bool IsKnown,
    string? Name,
    string? Email,
    Dictionary<string, string> Attributes,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeenAt,
    CustomerPresence Presence,
    string[] MergedVisitorIds,
    string? MergedInto,
    ConversationView[] Conversations,
    DateTimeOffset? ConversationsNext);

/// <summary>Merges an anonymous visitor into the identified customer <see cref="Into"/>.</summary>
public sealed record MergeContactRequest(string? Into);
