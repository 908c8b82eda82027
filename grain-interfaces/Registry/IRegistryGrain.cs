namespace Engagement;

/// <summary>
/// The tenant's registry (a single grain): which agents and queues exist, and the sign-in email index.
/// Kept small on purpose; the details live in each agent's and queue's own grain.
/// Key: <see cref="GrainKeys.Registry"/>.
/// </summary>
/// <remarks>
/// Renamed from <c>IDirectoryGrain</c> in C# only: the [Alias] values name the interface on the wire and in persisted grain
/// references, so they stay as they were.
/// </remarks>
[Alias("engagement.IDirectoryGrain")]
public interface IRegistryGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="email"/> for <paramref name="agentId"/>; fails with conflict if another agent holds it.</summary>
    [Alias("register-agent")]
    Task RegisterAgent(string agentId, string email);

    /// <summary>The agent id signed in by this email (case-insensitive), or null.</summary>
    [Alias("find-agent-by-email"), ReadOnly]
    Task<string?> FindAgentByEmail(string email);

    [Alias("list-agents"), ReadOnly]
    Task<IReadOnlyList<string>> ListAgents();

    [Alias("register-queue")]
    Task RegisterQueue(string queueId);

    [Alias("list-queues"), ReadOnly]
    Task<IReadOnlyList<string>> ListQueues();
}
