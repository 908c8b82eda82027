namespace Engagement.Directory;

/// <summary>The tenant's directory of agents (with the sign-in email index) and queues.</summary>
[GrainType("directory")]
internal sealed class DirectoryGrain(
    [PersistentState("directory", "store")] IPersistentState<DirectoryState> state) : Grain, IDirectoryGrain
{
    private DirectoryState S => state.State;

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
