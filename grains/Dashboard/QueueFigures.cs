namespace Engagement.Dashboard;

/// <summary>A queue's dashboard figures from what the queue holds: waiting sessions, its roster and its answer counters.</summary>
public static class QueueFigures
{
    public static QueueStats From(
        QueueDefinition definition, IReadOnlyCollection<QueuedSession> waiting, IEnumerable<AgentRoutingState> roster,
        int answered, int answeredWithinSla, int abandoned)
    {
        int available = 0, busy = 0, away = 0;
        foreach (var agent in roster)
        {
            switch (agent.Presence)
            {
                case AgentPresence.Available: available++; break;
                case AgentPresence.Busy: busy++; break;
                case AgentPresence.Away: away++; break;
            }
        }
        DateTimeOffset? oldest = waiting.Count == 0 ? null : waiting.Min(w => w.EnqueuedAt);
        return new QueueStats(definition.QueueId, definition.Name, waiting.Count, oldest, answered, answeredWithinSla, abandoned,
            definition.SlaTarget, available, busy, away, StatsMath.ServiceLevel(answered, answeredWithinSla));
    }

    public static QueueStats From(QueueSnapshot snapshot) =>
        From(snapshot.Definition, snapshot.Waiting, snapshot.Agents, snapshot.AnsweredTotal, snapshot.AnsweredWithinSla, snapshot.Abandoned);
}
