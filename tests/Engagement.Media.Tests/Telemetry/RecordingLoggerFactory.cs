using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engagement.Media.Tests.Telemetry;

/// <summary>One log line as the engine wrote it.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>A logger factory that keeps every line at or above <paramref name="minimum"/>, for asserting what was logged.</summary>
internal sealed class RecordingLoggerFactory(LogLevel minimum = LogLevel.Trace) : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly LogLevel _minimum = minimum;

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> WithEventId(int id) => [.. _entries.Where(e => e.EventId.Id == id)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose() { }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
