using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Workspace;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Conversations;

/// <summary>
/// The shared inbox over REST (docs/protocol.md, Conversations): lists by view and filter, one conversation's
/// thread, replies, private notes, status, assignee and labels. Staff only; the conversation grain decides who sees what
/// (agents: their queues' conversations and those assigned to them), and strangers get 404.
/// </summary>
internal static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List).WithSummary("An inbox view: view=all|mine|unassigned, with status, queue, label, channel and contact filters; newest activity first.");
        group.MapGet("/{conversationId}", Thread).WithSummary("The conversation with its newest messages, its live chats included.");
        group.MapPost("/{conversationId}/messages", Reply).WithSummary("A reply; the same clientMessageId again returns the first one.");
        group.MapPost("/{conversationId}/status", SetStatus).WithSummary("Sets the status: open, pending, snoozed (with snoozedUntil) or resolved.");
        group.MapPost("/{conversationId}/assignee", Assign).WithSummary("Assigns the conversation to an agent who serves its queue; null unassigns.");
        group.MapPut("/{conversationId}/labels", SetLabels).WithSummary("Replaces the labels.");
        group.MapGet("/{conversationId}/notes", GetNotes).WithSummary("The conversation's private notes, oldest first.");
        group.MapPost("/{conversationId}/notes", AddNote).WithSummary("Adds a private note (never shown to the contact).");
        group.MapGet("/{conversationId}/export", Export).WithSummary("The whole conversation: format=json (ConversationExport: every message, the private notes) or text (a readable document).");
        routes.MapGet("/api/search", Search).WithTags("Conversations").RequireAuthorization(Policies.Staff)
            .WithSummary("Full-text search over every transcript the caller may see, newest first, with the inbox's filters.");
        routes.MapGet("/api/inbox/counts", Counts).WithTags("Conversations").RequireAuthorization(Policies.Staff)
            .WithSummary("The inbox's counts of unresolved conversations, by queue, status, channel and assignee, and of open ones by label.");
        return routes;
    }

    private static async Task<Ok<ConversationPage>> List(
        ClaimsPrincipal user, IGrainFactory grains, IConversationLists index,
        string? view, string? status, string? queue, string? label, string? channel, string? contact, DateTimeOffset? before, int? limit)
    {
        var size = PageSize(limit);
        var page = await index.ListAsync(new InboxQuery(await FilterAsync(user.ToCaller(), grains, view, status, queue, label, channel, contact), before, size));
        return TypedResults.Ok(new ConversationPage(page, page.Length == size ? page[^1].LastActivityAt : null));
    }

    private static async Task<Ok<ConversationThread>> Thread(string conversationId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, conversationId).Thread(user.ToCaller()));

    private static async Task<Ok<ConversationPost>> Reply(
        string conversationId, PostConversationMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, IAttachments attachments)
    {
        var caller = user.ToCaller();
        var grain = Grain(grains, conversationId);
        var clientMessageId = InputRules.ClientMessageId(request.ClientMessageId);
        if (request.Attachments is null) return TypedResults.Ok(await grain.Post(caller, clientMessageId, InputRules.MessageText(request.Text)));
        var (text, ids) = InputRules.MessageWithFiles(request.Text, request.Attachments, "attachments");
        return TypedResults.Ok(await grain.Post(caller, clientMessageId, text, await attachments.ForMessageAsync(conversationId, caller.Id, ids)));
    }

    private static async Task<Ok<ConversationView>> SetStatus(string conversationId, SetConversationStatusRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, conversationId).SetStatus(user.ToCaller(), Status(request.Status), request.SnoozedUntil));

    private static async Task<Ok<ConversationView>> Assign(string conversationId, AssignConversationRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, conversationId).Assign(user.ToCaller(), request.AgentId is null ? null : InputRules.Id(request.AgentId, "agentId")));

    private static async Task<Ok<ConversationView>> SetLabels(string conversationId, SetLabelsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, conversationId).SetLabels(user.ToCaller(), ConversationInput.Labels(request.Labels)));

    private static async Task<Ok<ConversationNote[]>> GetNotes(string conversationId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, conversationId).GetNotes(user.ToCaller()));

    private static async Task<Created<ConversationNote>> AddNote(string conversationId, AddNoteRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var note = await Grain(grains, conversationId).AddNote(user.ToCaller(), InputRules.MessageText(request.Text));
        return TypedResults.Created($"/api/conversations/{conversationId}/notes", note);
    }

    private static async Task<IResult> Export(string conversationId, string? format, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        if (format is not (null or "json" or "text")) throw new InputException("format", "format is json or text.");
        var thread = await Grain(grains, conversationId).Export(user.ToCaller());
        var name = $"conversation-{thread.Conversation.ConversationId}";
        if (format != "text") return TypedResults.Ok(thread);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.txt\"";
        return TypedResults.Text(ConversationDocument.Write(thread), "text/plain; charset=utf-8");
    }

    private static async Task<Ok<SearchHit[]>> Search(
        ClaimsPrincipal user, IGrainFactory grains, IConversationSearch search,
        string? q, string? view, string? status, string? queue, string? label, string? channel, string? contact, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var text = InputRules.RequiredText(q, Limits.SearchText, "q");
        var filter = await FilterAsync(user.ToCaller(), grains, view, status, queue, label, channel, contact);
        return TypedResults.Ok(await search.SearchAsync(new SearchQuery(text, filter, from, to, PageSize(limit))));
    }

    /// <summary>The inbox's filters from the query string, within what the caller may see (lists and search alike).</summary>
    private static async Task<InboxFilter> FilterAsync(
        Caller caller, IGrainFactory grains, string? view, string? status, string? queue, string? label, string? channel, string? contact)
    {
        if (view is not (null or "all" or "mine" or "unassigned")) throw new InputException("view", "view is all, mine or unassigned.");
        return new InboxFilter(
            VisibleQueues: await VisibleQueuesAsync(caller, grains),
            Viewer: caller.Id,
            Status: status is null ? null : Status(status),
            AssignedTo: view == "mine" ? caller.Id : null,
            Unassigned: view == "unassigned",
            QueueId: queue is null ? null : InputRules.Id(queue, "queue"),
            Label: label is null ? null : ConversationInput.Label(label),
            Channel: channel is null ? null : Channel(channel),
            ContactId: contact is null ? null : InputRules.Id(contact, "contact"));
    }

    private static int PageSize(int? limit) => InputRules.PageSize(limit, Limits.InboxPageDefault, Limits.InboxPage);

    /// <summary>Null for supervisors and admins (every queue); an agent's own queues otherwise.</summary>
    internal static async Task<string[]?> VisibleQueuesAsync(Caller caller, IGrainFactory grains) =>
        caller.IsPrivileged ? null : (await grains.GetAgent(caller.Id).GetProfile())?.Queues ?? [];

    private static async Task<Ok<InboxCounts>> Counts(IGrainFactory grains) => TypedResults.Ok(await grains.GetInbox().Counts());

    private static IConversationGrain Grain(IGrainFactory grains, string conversationId) =>
        grains.GetConversation(InputRules.Id(conversationId, "conversationId"));

    private static ConversationStatus Status(string? value) => value switch
    {
        "open" => ConversationStatus.Open,
        "pending" => ConversationStatus.Pending,
        "snoozed" => ConversationStatus.Snoozed,
        "resolved" => ConversationStatus.Resolved,
        null => throw new InputException("status", "status is required: open, pending, snoozed or resolved."),
        _ => throw new InputException("status", "status is open, pending, snoozed or resolved."),
    };

    private static string Channel(string value) => value is ConversationChannels.Web or ConversationChannels.Email or ConversationChannels.Api
        ? value
        : throw new InputException("channel", "channel is web, email or api.");
}
