namespace Engagement.Api.Endpoints.Channels;

/// <summary>A new API channel; <see cref="ChannelId"/> is optional (generated "ch_…").</summary>
public sealed record CreateChannelRequest(string? ChannelId, string? Name, string? QueueId);

/// <summary>An API channel as admins see it (never its token).</summary>
public sealed record ChannelView(string ChannelId, string Name, string QueueId, DateTimeOffset CreatedAt)
{
    public static ChannelView Of(ApiChannel c) => new(c.ChannelId, c.Name, c.QueueId, c.CreatedAt);
}

/// <summary>A channel with its token: shown once, on create and on rotation.</summary>
public sealed record ChannelWithToken(ChannelView Channel, string Token);

/// <summary>The customer an API channel writes for: their id as the company knows it (the same id identify uses), name and email.</summary>
public sealed record ChannelContact(string? Id, string? Name, string? Email);

/// <summary>A new conversation from a channel's customer. With <see cref="MessageId"/>, a retried create finds the first.</summary>
public sealed record ChannelConversationRequest(ChannelContact? Contact, string? Subject, string? Text, string? MessageId);

/// <summary>A customer's message into a conversation of the channel; <see cref="MessageId"/> makes a retry idempotent.</summary>
public sealed record ChannelMessageRequest(string? Text, string? MessageId, string[]? Attachments = null);
