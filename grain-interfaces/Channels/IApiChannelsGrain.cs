namespace Engagement;

/// <summary>
/// An API channel: how another system (SMS, WhatsApp, social, a bot) brings its customers' messages in over REST
/// (docs/protocol.md, API channels). Its conversations go to <see cref="QueueId"/>; agents' replies go out through
/// webhooks. The channel's token is stored as a SHA-256 hash only.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.api-channel")]
public sealed record ApiChannel(
    [property: Id(0)] string ChannelId,
    [property: Id(1)] string Name,
    [property: Id(2)] string QueueId,
    [property: Id(3)] byte[] TokenHash,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>The tenant's API channels (a short list, held whole). Key: <see cref="GrainKeys.ApiChannels"/>.</summary>
[Alias("engagement.IApiChannelsGrain")]
public interface IApiChannelsGrain : IGrainWithStringKey
{
    [Alias("list"), ReadOnly]
    Task<ApiChannel[]> List();

    /// <summary>The channel, or null.</summary>
    [Alias("get"), ReadOnly]
    Task<ApiChannel?> Get(string channelId);

    /// <summary>Adds a channel; conflict when the id is taken.</summary>
    [Alias("add")]
    Task<ApiChannel> Add(ApiChannel channel);

    /// <summary>Replaces a channel's token hash (a rotation: the old token stops working at once). not_found if unknown.</summary>
    [Alias("set-token")]
    Task<ApiChannel> SetToken(string channelId, byte[] tokenHash);

    /// <summary>Removes a channel; its conversations stay. not_found if unknown.</summary>
    [Alias("remove")]
    Task Remove(string channelId);
}
