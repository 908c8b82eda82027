using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Telemetry;

/// <summary>
/// The silo's console line (Logging:Console:FormatterName "engagement"): the simple formatter's single line, then the
/// trace and span ids of the span it was written in, e.g.
/// <c>12:00:01.234 warn: Engagement.Api.Hubs.HubErrorFilter[0] Hub call ... trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7</c>.
/// Written here because the simple formatter shows those ids only among every scope (the request's, the connection's,
/// the hub's), which makes each line several times longer.
/// </summary>
internal sealed class TraceConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "engagement";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var settings = options.CurrentValue;
        if (settings.TimestampFormat is { } format)
            textWriter.Write((settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now).ToString(format, CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write("] ");
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(OneLine(logEntry.Exception.ToString()));
        }
        if (TraceOf(scopeProvider) is var (traceId, spanId))
        {
            textWriter.Write(" trace=");
            textWriter.Write(traceId);
            textWriter.Write(" span=");
            textWriter.Write(spanId);
        }
        textWriter.WriteLine();
    }

    /// <summary>The ids the logger factory's activity tracking puts first among the scopes (ActivityTrackingOptions).</summary>
    private static (string TraceId, string SpanId)? TraceOf(IExternalScopeProvider? scopeProvider)
    {
        (string, string)? found = null;
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (found is not null || scope is not IEnumerable<KeyValuePair<string, object?>> values) return;
            string? traceId = null, spanId = null;
            foreach (var (key, value) in values)
            {
                if (key == "TraceId") traceId = value?.ToString();
                else if (key == "SpanId") spanId = value?.ToString();
            }
            if (traceId is not null && spanId is not null) found = (traceId, spanId);
        }, (object?)null);
        return found;
    }

    private static string OneLine(string? text) => (text ?? "").ReplaceLineEndings(" ");

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
