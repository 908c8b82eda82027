using Engagement.Api.Audit;
using Engagement.Audit;
using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Attachments;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Api.Endpoints.Channels;

/// <summary>
/// API channels (docs/protocol.md, API channels): admins create them and rotate their tokens; the channel's own
/// system, holding its token, starts conversations for its customers and posts their messages. Agents answer from the
/// shared inbox, and the replies go out through webhooks.
/// </summary>
internal static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/channels").WithTags("API channels");
        admin.MapGet("/", List).RequireAuthorization(Policies.Admin).WithSummary("Every API channel (without tokens).");
        admin.MapPost("/", Create).RequireAuthorization(Policies.Admin).Audited(AuditActions.ChannelCreate, "channel", null, "name", "queueId").WithSummary("Creates an API channel; its token is in this answer only.");
        admin.MapPost("/{channelId}/token", Rotate).RequireAuthorization(Policies.Admin).Audited(AuditActions.ChannelRotateToken, "channel", "channelId").WithSummary("A new token; the old one stops working at once.");
        admin.MapDelete("/{channelId}", Delete).RequireAuthorization(Policies.Admin).Audited(AuditActions.ChannelDelete, "channel", "channelId").WithSummary("Removes the channel; its conversations stay.");

        var channel = routes.MapGroup("/api/channels/{channelId}/conversations").WithTags("API channels").AllowAnonymous();
        channel.MapPost("/", StartConversation).WithSummary($"Starts a conversation for a customer of the channel ({ChannelTokens.Header}).");
        channel.MapPost("/{conversationId}/messages", PostMessage).WithSummary("A customer's message into one of the channel's conversations; it reopens it.");
        channel.MapGet("/{conversationId}", Read).WithSummary("One of the channel's conversations with its messages.");
        channel.MapPost("/{conversationId}/attachments", Upload).DisableAntiforgery()
            .WithSummary("Uploads a customer's file (multipart/form-data, field 'file') into one of the channel's conversations, to send with a message.");
        routes.MapGet("/api/channels/{channelId}/attachments/{attachmentId}", Link).WithTags("API channels").AllowAnonymous()
            .WithSummary("A short-lived signed URL to a file of one of the channel's conversations.");
        return routes;
    }

    private static async Task<Ok<ChannelView[]>> List(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetApiChannels().List()).Select(ChannelView.Of).ToArray());

    private static async Task<Created<ChannelWithToken>> Create(CreateChannelRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var id = request.ChannelId is null ? Ids.New("ch_") : InputRules.Id(request.ChannelId, "channelId");
        var name = InputRules.RequiredText(request.Name, Limits.Name, "name");
        var queueId = InputRules.Id(request.QueueId, "queueId");
        _ = await grains.GetQueue(queueId).GetDefinition() ?? throw EngagementException.NotFound($"Queue '{queueId}'");
        var token = ChannelTokens.New();
        var stored = await grains.GetApiChannels().Add(new ApiChannel(id, name, queueId, ChannelTokens.Hash(token), clock.GetUtcNow()));
        return TypedResults.Created($"/api/channels/{id}", new ChannelWithToken(ChannelView.Of(stored), token));
    }

    private static async Task<Ok<ChannelWithToken>> Rotate(string channelId, IGrainFactory grains)
    {
        var token = ChannelTokens.New();
        var stored = await grains.GetApiChannels().SetToken(InputRules.Id(channelId, "channelId"), ChannelTokens.Hash(token));
        return TypedResults.Ok(new ChannelWithToken(ChannelView.Of(stored), token));
    }

    private static async Task<NoContent> Delete(string channelId, IGrainFactory grains)
    {
        await grains.GetApiChannels().Remove(InputRules.Id(channelId, "channelId"));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> StartConversation(string channelId, ChannelConversationRequest request, HttpContext http, IGrainFactory grains)
    {
        if (await ChannelTokens.AuthenticateAsync(http, grains, InputRules.Id(channelId, "channelId")) is not { } channel) return Problems.Unauthorized(ChannelTokens.Missing);
        var contactId = InputRules.Id(request.Contact?.Id, "contact.id");
        var name = InputRules.OptionalText(request.Contact?.Name, Limits.Name, "contact.name");
        var email = request.Contact?.Email is null ? null : InputRules.Email(request.Contact.Email, "contact.email");
        var subject = InputRules.OptionalText(request.Subject, Limits.Subject, "subject");
        var text = InputRules.MessageText(request.Text);
        var messageId = InputRules.ClientMessageId(request.MessageId, "messageId");

        await grains.GetCustomer(contactId).NoteContact(name, email);

        var conversationId = messageId is null ? ConversationIds.New() : PublicIds.ConversationIdFor(channel.ChannelId, contactId, messageId);
        var conversation = grains.GetConversation(conversationId);
        await conversation.Create(new NewConversation(contactId, channel.QueueId, ConversationChannels.Api, subject, name, email, channel.ChannelId));
        var post = await conversation.Post(ChannelCaller(channel, name), messageId, text);
        return TypedResults.Created($"/api/channels/{channel.ChannelId}/conversations/{conversationId}", post);
    }

    private static async Task<IResult> PostMessage(
        string channelId, string conversationId, ChannelMessageRequest request, HttpContext http, IGrainFactory grains, IAttachments attachments)
    {
        InputRules.Id(conversationId, "conversationId");
        if (await ChannelTokens.AuthenticateAsync(http, grains, InputRules.Id(channelId, "channelId")) is not { } channel) return Problems.Unauthorized(ChannelTokens.Missing);
        var conversation = await OwnConversationAsync(grains, channel, conversationId);
        var messageId = InputRules.ClientMessageId(request.MessageId, "messageId");
        var grain = grains.GetConversation(conversation.ConversationId);
        var caller = ChannelCaller(channel, conversation.ContactName);
        if (request.Attachments is null) return TypedResults.Ok(await grain.Post(caller, messageId, InputRules.MessageText(request.Text)));
        // The channel uploads for its customer: the files are the contact's.
        var (text, ids) = InputRules.MessageWithFiles(request.Text, request.Attachments, "attachments");
        return TypedResults.Ok(await grain.Post(caller, messageId, text, await attachments.ForMessageAsync(conversation.ConversationId, conversation.ContactId, ids)));
    }

    private static async Task<IResult> Upload(string channelId, string conversationId, HttpContext http, IGrainFactory grains, IAttachments attachments)
    {
        InputRules.Id(conversationId, "conversationId");
        if (await ChannelTokens.AuthenticateAsync(http, grains, InputRules.Id(channelId, "channelId")) is not { } channel) return Problems.Unauthorized(ChannelTokens.Missing);
        var conversation = await OwnConversationAsync(grains, channel, conversationId);
        return await AttachmentUpload.ReadAsync(http.Request, file =>
            attachments.UploadAsync(conversation.ConversationId, conversation.ContactId, file.FileName, file.OpenReadStream(), http.RequestAborted));
    }

    private static async Task<IResult> Link(string channelId, string attachmentId, HttpContext http, IGrainFactory grains, IAttachments attachments, AttachmentLinks links)
    {
        InputRules.Id(attachmentId, "attachmentId");
        if (await ChannelTokens.AuthenticateAsync(http, grains, InputRules.Id(channelId, "channelId")) is not { } channel) return Problems.Unauthorized(ChannelTokens.Missing);
        var file = await attachments.FindAsync(attachmentId);
        // Only files of the channel's own conversations (which have no live chats: every file is in the conversation's transcript).
        var mine = file is not null && file.ScopeId.StartsWith(ConversationIds.Prefix, StringComparison.Ordinal)
            && (await grains.GetConversation(file.ScopeId).Get(ChannelCaller(channel, null))).ApiChannelId == channel.ChannelId;
        return mine ? TypedResults.Ok(links.For(file!.View)) : throw EngagementException.NotFound($"Attachment '{attachmentId}'");
    }

    private static async Task<IResult> Read(string channelId, string conversationId, HttpContext http, IGrainFactory grains)
    {
        InputRules.Id(conversationId, "conversationId");
        if (await ChannelTokens.AuthenticateAsync(http, grains, InputRules.Id(channelId, "channelId")) is not { } channel) return Problems.Unauthorized(ChannelTokens.Missing);
        var conversation = await OwnConversationAsync(grains, channel, conversationId);
        return TypedResults.Ok(await grains.GetConversation(conversation.ConversationId).Thread(ChannelCaller(channel, null)));
    }

    /// <summary>A conversation of this channel; any other is not_found, as if it did not exist.</summary>
    private static async Task<ConversationView> OwnConversationAsync(IGrainFactory grains, ApiChannel channel, string conversationId)
    {
        var id = InputRules.Id(conversationId, "conversationId");
        var view = await grains.GetConversation(id).Get(ChannelCaller(channel, null));
        return view.ApiChannelId == channel.ChannelId ? view : throw EngagementException.NotFound($"Conversation '{id}'");
    }

    /// <summary>The channel acting for its customer: the system, named as the customer (their messages are the customer's).</summary>
    private static Caller ChannelCaller(ApiChannel channel, string? customerName) => new(CallerKind.System, "channel:" + channel.ChannelId, customerName);
}
