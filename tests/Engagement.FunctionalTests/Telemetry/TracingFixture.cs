using System.Collections.Concurrent;
using System.Diagnostics;
using Engagement.Api.Telemetry;
using Engagement.FunctionalTests.EndToEnd;
using Engagement.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;
using Orleans;

namespace Engagement.FunctionalTests.Telemetry;

/// <summary>
/// A node (inside the test process, on a fresh database) with tracing on, whose spans go to an in-memory exporter
/// registered here, and whose log lines are rendered by the silo's console formatter into <see cref="LogLines"/>. A grain
/// call filter writes one log line inside every grain call, as product code would.
/// </summary>
public sealed class TracingFixture : EngagementFixtureBase, IAsyncLifetime
{
    private readonly PostgresFixture _database = new();
    private readonly SpanList _spans = new();
    private readonly LogCapture _log = new();
    private EngagementNode? _node;

    public EngagementNode Node => _node ?? throw new InvalidOperationException("Fixture not initialised.");

    protected override Uri ApiUrl => Node.BaseUrl;

    /// <summary>Every span ended so far, in this process (other tests' too: find yours by trace id).</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>The console lines written so far by <see cref="GrainCallLog"/>.</summary>
    public IReadOnlyList<string> LogLines => [.. _log.Lines];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = new Dictionary<string, string?>(EndToEndFixture.Settings) { ["Engagement:Telemetry:Tracing:Enabled"] = "true" };
        _node = await EngagementNode.StartAsync(_database.ConnectionString, settings, builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            builder.Services.AddSingleton<ILoggerProvider>(services =>
                _log.RenderWith(services.GetServices<ConsoleFormatter>().Single(f => f.Name == TraceConsoleFormatter.FormatterName)));
            builder.Services.AddSingleton<IIncomingGrainCallFilter, GrainCallLog>(); // as ISiloBuilder.AddIncomingGrainCallFilter registers one
            builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(GrainCallLog).FullName, LogLevel.None); // one line per grain call: not on the console
        });
        await SignInAdminAsync();
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Waits until the spans satisfy <paramref name="found"/> (spans are exported as they end, after the reply).</summary>
    public async Task<T> WaitForSpansAsync<T>(Func<IReadOnlyList<Activity>, T?> found, string what, int seconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (found(Spans) is { } result) return result;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} among {Spans.Count} spans:\n{string.Join('\n', Spans.TakeLast(80).Select(Describe))}");
            await Task.Delay(100);
        }
    }

    public static string Describe(Activity span) =>
        $"{span.TraceId} {span.SpanId} <- {span.ParentSpanId} [{span.Source.Name}] {span.Kind} {span.DisplayName}";

    /// <summary>A logger provider that renders <see cref="GrainCallLog"/>'s lines as the console would, scopes and all.</summary>
    private sealed class LogCapture : ILoggerProvider, ISupportExternalScope
    {
        private ConsoleFormatter? _formatter;
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<string> Lines { get; } = new();

        public LogCapture RenderWith(ConsoleFormatter formatter)
        {
            _formatter = formatter;
            return this;
        }

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(GrainCallLog).FullName ? new Logger(this, categoryName) : NullLogger.Instance;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var line = new StringWriter();
                capture._formatter!.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), capture._scopes, line);
                capture.Lines.Enqueue(line.ToString());
            }
        }
    }
}

/// <summary>A log line inside every grain call, at Warning (the test node's level): "grain call IFooGrain.Bar".</summary>
internal sealed partial class GrainCallLog(ILogger<GrainCallLog> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        LogCall(context.InterfaceName, context.MethodName);
        return context.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "grain call {Interface}.{Method}")]
    private partial void LogCall(string @interface, string method);
}
