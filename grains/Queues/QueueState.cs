namespace Engagement.Queues;

/// <summary>Persisted state of a queue. The agent roster is rebuilt from the member agents on activation.</summary>
[GenerateSerializer, Alias("engagement.queue-state")]
public sealed class QueueState
{
    [Id(0)] public QueueDefinition? Definition { get; set; }
    /// <summary>Waiting sessions in rank order (RoutingPolicyRules.CompareRank), with any offer that is out.</summary>
    [Id(1)] public List<QueuedSession> Waiting { get; set; } = [];
    [Id(2)] public List<string> Members { get; set; } = [];
    [Id(3)] public int AnsweredTotal { get; set; }
    [Id(4)] public int AnsweredWithinSla { get; set; }
    [Id(5)] public int Abandoned { get; set; }
    /// <summary>When the last answers happened (at most 20), for the wait estimate.</summary>
    [Id(6)] public List<DateTimeOffset> RecentAnswers { get; set; } = [];
    /// <summary>Sessions that moved on to another queue by an overflow step.</summary>
    [Id(7)] public int Overflowed { get; set; }
}
