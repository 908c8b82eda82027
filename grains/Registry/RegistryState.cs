namespace Engagement.Registry;

/// <summary>Persisted state of the tenant's registry (the alias is persisted: it keeps its old name).</summary>
[GenerateSerializer, Alias("engagement.directory-state")]
public sealed class RegistryState
{
    /// <summary>Agent id → sign-in email (as entered).</summary>
    [Id(0)] public Dictionary<string, string> Agents { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<string> Queues { get; set; } = [];
}
