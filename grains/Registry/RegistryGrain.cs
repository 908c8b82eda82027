namespace Engagement.Registry;

/// <summary>The tenant's registry of agents (with the sign-in email index) and queues.</summary>
/// <remarks>Renamed from DirectoryGrain in C# only: the grain type, the state name and the state's alias are persisted
/// identities and stay as they were.</remarks>
[GrainType("directory")]
internal sealed class RegistryGrain(
    [PersistentState("directory", "store")] IPersistentState<RegistryState> state) : Grain, IRegistryGrain
{
    private RegistryState S => state.State;

    public async Task RegisterAgent(string agentId, string email)
    {
        if (!Ids.IsValid(agentId)) throw EngagementException.Invalid("agentId is 1 to 64 letters, digits, '_' or '-'.");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) throw EngagementException.Invalid("email must be an email address.");
        email = email.Trim();
        var holder = Find(email);
        if (holder is not null && holder != agentId) throw EngagementException.Conflict($"The email '{email}' belongs to another agent.");
        if (S.Agents.TryGetValue(agentId, out var current) && current == email) return;
        S.Agents[agentId] = email;
        await state.WriteStateAsync();
    }

    public Task<string?> FindAgentByEmail(string email) => Task.FromResult(string.IsNullOrWhiteSpace(email) ? null : Find(email.Trim()));

    public Task<IReadOnlyList<string>> ListAgents() => Task.FromResult<IReadOnlyList<string>>(S.Agents.Keys.Order(StringComparer.Ordinal).ToList());

    public async Task RegisterQueue(string queueId)
    {
        if (!Ids.IsValid(queueId)) throw EngagementException.Invalid("queueId is 1 to 64 letters, digits, '_' or '-'.");
        if (S.Queues.Contains(queueId)) return;
        S.Queues.Add(queueId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListQueues() => Task.FromResult<IReadOnlyList<string>>(S.Queues.Order(StringComparer.Ordinal).ToList());

    private string? Find(string email) =>
        S.Agents.FirstOrDefault(a => string.Equals(a.Value, email, StringComparison.OrdinalIgnoreCase)).Key;
}
