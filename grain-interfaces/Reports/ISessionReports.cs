namespace Engagement;

/// <summary>
/// Historical reporting over the sessions' durable facts in PostgreSQL (grains/Reports/SessionReports.cs), read by the
/// API without a grain in the way. The session grains write the facts; figures are computed when asked.
/// </summary>
public interface ISessionReports
{
    /// <summary>The interval's figures in all, per queue and per agent; rows carry their id as their name (the caller names them).</summary>
    Task<ReportSummary> SummaryAsync(ReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every bucket of the interval in the query's zone, oldest first.</summary>
    Task<ReportSeries> SeriesAsync(ReportQuery query, ReportBucket bucket, CancellationToken cancellationToken = default);
}
