namespace Engagement.Channels;

/// <summary>Persisted API channels of the tenant.</summary>
[GenerateSerializer, Alias("engagement.api-channels-state")]
public sealed class ApiChannelsState
{
    [Id(0)] public List<ApiChannel> Channels { get; set; } = [];
}

/// <summary>The tenant's API channels, held whole in one grain (a handful per tenant; every API call reads one).</summary>
[GrainType("api-channels")]
internal sealed class ApiChannelsGrain(
    [PersistentState("api-channels", "store")] IPersistentState<ApiChannelsState> state) : Grain, IApiChannelsGrain
{
    /// <summary>API channels a tenant keeps.</summary>
    public const int MaxChannels = 100;

    private List<ApiChannel> Channels => state.State.Channels;

    public Task<ApiChannel[]> List() => Task.FromResult(Channels.OrderBy(c => c.ChannelId, StringComparer.Ordinal).ToArray());

    public Task<ApiChannel?> Get(string channelId) => Task.FromResult(Channels.Find(c => c.ChannelId == channelId));

    public async Task<ApiChannel> Add(ApiChannel channel)
    {
        if (Channels.Any(c => c.ChannelId == channel.ChannelId)) throw EngagementException.Conflict($"An API channel with id '{channel.ChannelId}' already exists.");
        if (Channels.Count >= MaxChannels) throw EngagementException.Conflict($"At most {MaxChannels} API channels are kept; remove one first.");
        Channels.Add(channel);
        await state.WriteStateAsync();
        return channel;
    }

    public async Task<ApiChannel> SetToken(string channelId, byte[] tokenHash)
    {
        var index = Channels.FindIndex(c => c.ChannelId == channelId);
        if (index < 0) throw EngagementException.NotFound($"API channel '{channelId}'");
        Channels[index] = Channels[index] with { TokenHash = tokenHash };
        await state.WriteStateAsync();
        return Channels[index];
    }

    public async Task Remove(string channelId)
    {
        if (Channels.RemoveAll(c => c.ChannelId == channelId) == 0) throw EngagementException.NotFound($"API channel '{channelId}'");
        await state.WriteStateAsync();
    }
}
