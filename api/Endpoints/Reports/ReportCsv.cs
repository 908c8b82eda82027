using System.Globalization;
using System.Text;

namespace Engagement.Api.Endpoints.Reports;

/// <summary>
/// Reports as CSV (RFC 4180: comma-separated, CRLF, quoted where needed) for spreadsheets. Times are local to the
/// site's zone with their offset; rates 0–1; durations in seconds. Written by hand: a few lines of a fixed shape.
/// </summary>
public static class ReportCsv
{
    private const string FigureHeader = "sessions,answered,abandoned,missed,waiting,answer_rate,abandonment_rate," +
        "avg_first_response_s,p90_first_response_s,avg_handle_s,avg_csat,csat_answers,service_level," +
        "first_response_breaches,next_response_breaches,resolution_breaches,sessions_breached";

    public static string Series(ReportSeries series, TimeZoneInfo zone)
    {
        var csv = new StringBuilder("start,").Append(FigureHeader).Append("\r\n");
        foreach (var point in series.Points)
            Row(csv, [TimeZoneInfo.ConvertTime(point.Start, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)], point.Figures);
        return csv.ToString();
    }

    /// <summary>The total, then one row per queue and per agent.</summary>
    public static string Summary(ReportSummary summary)
    {
        var csv = new StringBuilder("scope,id,name,").Append(FigureHeader).Append("\r\n");
        Row(csv, ["total", "", ""], summary.Total);
        foreach (var queue in summary.Queues) Row(csv, ["queue", queue.Id, queue.Name], queue.Figures);
        foreach (var agent in summary.Agents) Row(csv, ["agent", agent.Id, agent.Name], agent.Figures);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string[] labels, ReportFigures f)
    {
        var cells = labels.Select(Cell).Concat(new object?[]
        {
            f.Sessions, f.Answered, f.Abandoned, f.Missed, f.Waiting, f.AnswerRate, f.AbandonmentRate,
            f.AverageFirstResponseSeconds, f.P90FirstResponseSeconds, f.AverageHandleSeconds, f.AverageCsat, f.CsatAnswers, f.ServiceLevel,
            f.FirstResponseBreaches, f.NextResponseBreaches, f.ResolutionBreaches, f.SessionsBreached,
        }.Select(n => n is IFormattable number ? number.ToString(null, CultureInfo.InvariantCulture) : ""));
        csv.AppendJoin(',', cells).Append("\r\n");
    }

    /// <summary>Quoted when it holds a comma, quote or line break; a leading = + - @ is made text, so no spreadsheet runs it as a formula.</summary>
    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
