using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Endpoints.Reports;

/// <summary>
/// Historical reports (docs/protocol.md, Reports), supervisors and admins: an interval's figures in all and per queue
/// and agent, and the same bucket by bucket, as JSON or CSV. Intervals and buckets are in the site's time zone
/// (<see cref="ReportsOptions.TimeZone"/>); the figures come from the sessions' durable facts (<see cref="ISessionReports"/>).
/// </summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Supervisor);
        group.MapGet("/summary", Summary)
            .WithSummary("An interval's figures (volume, answer and abandonment rates, first response, handle time, CSAT, service level), in all, per queue and per agent; format=csv for a spreadsheet.");
        group.MapGet("/series", Series)
            .WithSummary("The same figures per local hour or day of the interval (bucket=hour|day), every bucket present; format=csv for a spreadsheet.");
        return routes;
    }

    private static async Task<IResult> Summary(
        string? period, string? from, string? to, string? queueId, string? agentId, string? format,
        ISessionReports reports, IGrainFactory grains, IOptions<ReportsOptions> options, TimeProvider clock, HttpContext http)
    {
        var (query, zone) = Query(period, from, to, queueId, agentId, options.Value, clock);
        var csv = IsCsv(format);
        var found = await reports.SummaryAsync(query, http.RequestAborted);
        var summary = found with { Queues = await ReportNames.QueuesAsync(grains, found.Queues), Agents = await ReportNames.AgentsAsync(grains, found.Agents) };
        return csv ? Csv(http, ReportCsv.Summary(summary), "summary", query, zone) : TypedResults.Ok(summary);
    }

    private static async Task<IResult> Series(
        string? period, string? from, string? to, string? bucket, string? queueId, string? agentId, string? format,
        ISessionReports reports, IOptions<ReportsOptions> options, TimeProvider clock, HttpContext http)
    {
        var (query, zone) = Query(period, from, to, queueId, agentId, options.Value, clock);
        var cut = ReportRange.Bucket(bucket, query.From, query.To);
        var csv = IsCsv(format);
        var series = await reports.SeriesAsync(query, cut, http.RequestAborted);
        return csv ? Csv(http, ReportCsv.Series(series, zone), $"series-{(cut == ReportBucket.Hour ? "hourly" : "daily")}", query, zone) : TypedResults.Ok(series);
    }

    private static (ReportQuery Query, TimeZoneInfo Zone) Query(
        string? period, string? from, string? to, string? queueId, string? agentId, ReportsOptions options, TimeProvider clock)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone); // checked at start (AddEngagementReports)
        var (start, end) = ReportRange.Resolve(period, from, to, zone, clock.GetUtcNow());
        return (new ReportQuery(start, end, options.TimeZone,
            queueId is null ? null : InputRules.Id(queueId, "queueId"),
            agentId is null ? null : InputRules.Id(agentId, "agentId")), zone);
    }

    private static bool IsCsv(string? format) => format switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw new InputException("format", "format is json or csv."),
    };

    /// <summary>A download named after the report and its local dates: report-summary-2026-11-28-to-2026-12-04.csv.</summary>
    private static IResult Csv(HttpContext http, string text, string kind, ReportQuery query, TimeZoneInfo zone)
    {
        var first = ReportBuckets.LocalDate(query.From, zone);
        var last = ReportBuckets.LocalDate(query.To.AddTicks(-1), zone);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"report-{kind}-{first:yyyy-MM-dd}-to-{last:yyyy-MM-dd}.csv\"";
        return TypedResults.Text(text, "text/csv; charset=utf-8");
    }
}
