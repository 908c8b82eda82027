using Npgsql;
using NpgsqlTypes;

namespace Engagement.Reports;

/// <summary>
/// Writes the sessions' facts to engagement.session_fact (grains/Storage/Sql/014-session-facts.sql). One statement
/// per write; a row is replaced only by one built at the same time or later, so writes that arrive out of order (a
/// retry, a second activation) never take a fact back.
/// </summary>
public sealed class SessionFactStore(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        INSERT INTO engagement.session_fact (session_id, queue_id, agent_id, channel, outcome, requested_at, queued_at, offered_at,
            answered_at, first_response_at, closed_at, abandoned_at, answered_within_sla, csat, updated_at,
            sla_first_response_breaches, sla_next_response_breaches, sla_resolution_breaches)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
        ON CONFLICT (session_id) DO UPDATE SET
            queue_id = EXCLUDED.queue_id, agent_id = EXCLUDED.agent_id, channel = EXCLUDED.channel, outcome = EXCLUDED.outcome,
            requested_at = EXCLUDED.requested_at, queued_at = EXCLUDED.queued_at, offered_at = EXCLUDED.offered_at,
            answered_at = EXCLUDED.answered_at, first_response_at = EXCLUDED.first_response_at, closed_at = EXCLUDED.closed_at,
            abandoned_at = EXCLUDED.abandoned_at, answered_within_sla = EXCLUDED.answered_within_sla, csat = EXCLUDED.csat,
            updated_at = EXCLUDED.updated_at, sla_first_response_breaches = EXCLUDED.sla_first_response_breaches,
            sla_next_response_breaches = EXCLUDED.sla_next_response_breaches, sla_resolution_breaches = EXCLUDED.sla_resolution_breaches
        WHERE engagement.session_fact.updated_at <= EXCLUDED.updated_at
        """;

    public async Task UpsertAsync(SessionFact fact, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = fact.SessionId });
        p.Add(new NpgsqlParameter<string> { TypedValue = fact.QueueId });
        p.Add(Nullable(fact.AgentId, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<string> { TypedValue = fact.Channel });
        p.Add(new NpgsqlParameter<string> { TypedValue = fact.Outcome });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = fact.RequestedAt });
        foreach (var at in new[] { fact.QueuedAt, fact.OfferedAt, fact.AnsweredAt, fact.FirstResponseAt, fact.ClosedAt, fact.AbandonedAt })
            p.Add(Nullable(at, NpgsqlDbType.TimestampTz));
        p.Add(Nullable(fact.AnsweredWithinSla, NpgsqlDbType.Boolean));
        p.Add(Nullable(fact.Csat is { } csat ? (short)csat : null, NpgsqlDbType.Smallint));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = fact.UpdatedAt });
        foreach (var breaches in new[] { fact.FirstResponseBreaches, fact.NextResponseBreaches, fact.ResolutionBreaches })
            p.Add(new NpgsqlParameter<int> { TypedValue = breaches });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
