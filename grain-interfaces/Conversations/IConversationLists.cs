namespace Engagement;

/// <summary>
/// Which conversations, by the inbox's filters (every one optional) and the caller's visibility; lists and search
/// share it.
/// </summary>
/// <param name="VisibleQueues">For agents: only these queues' conversations, or those assigned to <paramref name="Viewer"/>. Null: all (supervisors, admins).</param>
/// <param name="AssignedTo">Only conversations assigned to this agent.</param>
/// <param name="Unassigned">Only conversations without an assignee.</param>
public sealed record InboxFilter(
    string[]? VisibleQueues = null,
    string? Viewer = null,
    ConversationStatus? Status = null,
    string? AssignedTo = null,
    bool Unassigned = false,
    string? QueueId = null,
    string? Label = null,
    string? Channel = null,
    string? ContactId = null);

/// <summary>One page of an inbox view, newest activity first.</summary>
/// <param name="Before">Paging: only conversations whose last activity is older than this (the last row's, from the previous page).</param>
public sealed record InboxQuery(InboxFilter Filter, DateTimeOffset? Before = null, int Limit = Limits.InboxPageDefault);

/// <summary>
/// The shared inbox's lists, read from the conversation index (grains/Conversations/ConversationIndex.cs) without a
/// grain in the way: the API asks it directly, and the conversation grains keep the index up to date.
/// </summary>
public interface IConversationLists
{
    /// <summary>One page of an inbox view, newest activity first.</summary>
    Task<ConversationView[]> ListAsync(InboxQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A full-text search over every transcript, with the inbox's filters on the conversations found.</summary>
/// <param name="Text">Words to find (websearch syntax: "a phrase", or, -excluded); whole words, any language, case-insensitive.</param>
/// <param name="From">Only messages at or after this time.</param>
/// <param name="To">Only messages before this time.</param>
public sealed record SearchQuery(
    string Text,
    InboxFilter Filter,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = Limits.InboxPageDefault);

/// <summary>One message found, with a snippet around the words and its conversation.</summary>
/// <param name="Snippet">The message's words around the match, the matched words between « and ».</param>
public sealed record SearchHit(ChatMessage Message, string Snippet, ConversationView Conversation);

/// <summary>Full-text search over the transcripts, with PostgreSQL's text search (grains/Storage/Sql/013-search-newest-first.sql).</summary>
public interface IConversationSearch
{
    /// <summary>The newest matching messages first.</summary>
    Task<SearchHit[]> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);
}
