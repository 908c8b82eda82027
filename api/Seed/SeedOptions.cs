namespace Engagement.Api.Seed;

/// <summary>
/// Accounts and queues created at start when absent, bound from "Engagement:Seed" (development defaults in
/// docs/protocol.md). Existing ones are never changed, so edits made through the admin API survive restarts.
/// </summary>
public sealed class SeedOptions
{
    public const string Section = "Engagement:Seed";

    public List<SeedQueue> Queues { get; set; } = [];

    public List<SeedAgent> Agents { get; set; } = [];
}

public sealed class SeedQueue
{
    public string QueueId { get; set; } = "";

    public string Name { get; set; } = "";

    public string[] Skills { get; set; } = [];

    public TimeSpan? OfferTimeout { get; set; }

    public TimeSpan? SlaTarget { get; set; }
}

public sealed class SeedAgent
{
    public string AgentId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public StaffRole Role { get; set; } = StaffRole.Agent;

    /// <summary>The sign-in password; comes from configuration (user secrets or environment outside Development).</summary>
    public string Password { get; set; } = "";

    public string[] Skills { get; set; } = [];

    /// <summary>Concurrent sessions; unset takes the default every new account gets (AgentProfileRules).</summary>
    public int? Capacity { get; set; }

    public string[] Queues { get; set; } = [];

    public string? Title { get; set; }
}
