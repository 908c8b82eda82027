using Engagement.Dashboard;
using Npgsql;

namespace Engagement.Reports;

/// <summary>
/// Historical figures from engagement.session_fact: one statement per report. A session counts in the interval (and
/// the bucket) of its request; the summary's totals and its per-queue and per-agent rows come from one scan
/// (<c>GROUPING SETS</c>), a series' buckets are cut in the report's time zone by PostgreSQL (<c>date_trunc</c> with a zone).
/// </summary>
public sealed class SessionReports(NpgsqlDataSource dataSource) : ISessionReports
{
    /// <summary>The columns <see cref="ReadFigures"/> reads, in order.</summary>
    private const string FigureColumns = """
        count(*)::bigint,
        count(*) FILTER (WHERE outcome = 'answered')::bigint,
        count(*) FILTER (WHERE outcome = 'abandoned')::bigint,
        count(*) FILTER (WHERE outcome = 'abandoned' AND offered_at IS NOT NULL)::bigint,
        count(*) FILTER (WHERE outcome = 'waiting')::bigint,
        count(*) FILTER (WHERE answered_within_sla)::bigint,
        avg(first_response_ms)::float8,
        (percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_ms))::float8,
        avg(handle_ms)::float8,
        coalesce(sum(csat), 0)::bigint,
        count(csat)::bigint,
        coalesce(sum(sla_first_response_breaches), 0)::bigint,
        coalesce(sum(sla_next_response_breaches), 0)::bigint,
        coalesce(sum(sla_resolution_breaches), 0)::bigint,
        count(*) FILTER (WHERE sla_first_response_breaches + sla_next_response_breaches + sla_resolution_breaches > 0)::bigint
        """;

    public async Task<ReportSummary> SummaryAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = Command(query, out var where);
        command.CommandText = $"""
            SELECT GROUPING(queue_id)::int, GROUPING(agent_id)::int, queue_id, agent_id, {FigureColumns}
            FROM engagement.session_fact WHERE {where}
            GROUP BY GROUPING SETS ((), (queue_id), (agent_id))
            """;
        var total = ReportFigures.None;
        List<ReportRow> queues = [], agents = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var figures = ReadFigures(reader, 4);
            var (byQueue, byAgent) = (reader.GetInt32(0) == 0, reader.GetInt32(1) == 0);
            if (byQueue) queues.Add(new ReportRow(reader.GetString(2), reader.GetString(2), figures));
            else if (byAgent && !reader.IsDBNull(3)) agents.Add(new ReportRow(reader.GetString(3), reader.GetString(3), figures)); // unanswered: no agent
            else if (!byAgent) total = figures;
        }
        return new ReportSummary(query.From, query.To, query.TimeZone, query.QueueId, query.AgentId, total, Busiest(queues), Busiest(agents));
    }

    public async Task<ReportSeries> SeriesAsync(ReportQuery query, ReportBucket bucket, CancellationToken cancellationToken = default)
    {
        await using var command = Command(query, out var where);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bucket == ReportBucket.Hour ? "hour" : "day" });
        var unit = "$" + command.Parameters.Count;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TimeZone });
        var zone = "$" + command.Parameters.Count;
        command.CommandText = $"""
            SELECT date_trunc({unit}, requested_at, {zone}), {FigureColumns}
            FROM engagement.session_fact WHERE {where}
            GROUP BY 1
            """;
        var found = new Dictionary<DateTimeOffset, ReportFigures>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                found[reader.GetFieldValue<DateTimeOffset>(0)] = ReadFigures(reader, 1);
        }
        var points = ReportBuckets.Starts(query.From, query.To, bucket, TimeZoneInfo.FindSystemTimeZoneById(query.TimeZone))
            .Select(start => new ReportPoint(start, found.GetValueOrDefault(start, ReportFigures.None)))
            .ToArray();
        return new ReportSeries(query.From, query.To, query.TimeZone, bucket, query.QueueId, query.AgentId, points);
    }

    /// <summary>A command with the query's filter as parameters; <paramref name="where"/> is its condition.</summary>
    private NpgsqlCommand Command(ReportQuery query, out string where)
    {
        var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.To.ToUniversalTime() });
        var conditions = new List<string> { "requested_at >= $1", "requested_at < $2" };
        if (query.QueueId is { } queueId)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queueId });
            conditions.Add("queue_id = $" + command.Parameters.Count);
        }
        if (query.AgentId is { } agentId)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = agentId });
            conditions.Add("agent_id = $" + command.Parameters.Count);
        }
        where = string.Join(" AND ", conditions);
        return command;
    }

    /// <summary>The figures from <see cref="FigureColumns"/>, starting at column <paramref name="first"/>; the formulas are the dashboard's.</summary>
    private static ReportFigures ReadFigures(NpgsqlDataReader r, int first)
    {
        long Count(int i) => r.GetInt64(first + i);
        double? Seconds(int i) => r.IsDBNull(first + i) ? null : Math.Round(r.GetDouble(first + i) / 1000, 3);
        var (sessions, answered, abandoned, missed, waiting, withinSla) = (Count(0), Count(1), Count(2), Count(3), Count(4), Count(5));
        var decided = answered + abandoned;
        return new ReportFigures(
            sessions, answered, abandoned, missed, waiting,
            StatsMath.Rate(answered, decided), StatsMath.Rate(abandoned, decided),
            Seconds(6), Seconds(7), Seconds(8),
            StatsMath.Average(Count(9), Count(10)), Count(10),
            StatsMath.ServiceLevel(answered, withinSla),
            Count(11), Count(12), Count(13), Count(14));
    }

    private static ReportRow[] Busiest(List<ReportRow> rows) =>
        [.. rows.OrderByDescending(r => r.Figures.Sessions).ThenBy(r => r.Id, StringComparer.Ordinal)];
}
