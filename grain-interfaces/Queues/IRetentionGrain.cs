namespace Engagement;

/// <summary>
/// Erases the resolved conversations that have been idle longer than their queue's <see cref="QueueDefinition.RetentionDays"/>
/// (docs/protocol.md, Retention), on a durable hourly reminder. Key: <see cref="GrainKeys.Retention"/>.
/// </summary>
[Alias("engagement.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>A queue has a retention period: make sure the hourly sweep is scheduled (idempotent).</summary>
    [OneWay, Alias("ensure")]
    Task Ensure();

    /// <summary>Sweeps now; returns how many conversations were erased.</summary>
    [Alias("sweep")]
    Task<int> Sweep();
}
