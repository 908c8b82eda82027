namespace Engagement.Directory;

/// <summary>Persisted state of the tenant directory.</summary>
[GenerateSerializer, Alias("engagement.directory-state")]
public sealed class DirectoryState
{
    /// <summary>Agent id → sign-in email (as entered).</summary>
    [Id(0)] public Dictionary<string, string> Agents { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<string> Queues { get; set; } = [];
}
