using Engagement.Attachments;
using System.Collections.Concurrent;
using Engagement.Email;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Engagement.Media.Tests;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// The email channel as a silo hosts it (<see cref="EmailServiceCollectionExtensions.AddEngagementEmail"/>: outbox,
/// sender, listener on a free port of 127.0.0.1, processor) in a plain host of the test process, on a test database;
/// no grains, which the channel does not need. Short poll and retry intervals so tests do not wait on defaults.
/// </summary>
public sealed class EmailNode : IAsyncDisposable
{
    public const string Domain = "support.test";
    public const string Queue = "help@support.test";

    private readonly IHost host;
    private bool stopped;

    private EmailNode(IHost host, int smtpPort, CapturedLogs logs) => (this.host, SmtpPort, Logs) = (host, smtpPort, logs);

    /// <summary>The node's inbound SMTP listener.</summary>
    public int SmtpPort { get; }

    public CapturedLogs Logs { get; }

    public IMailOutbox Outbox => host.Services.GetRequiredService<IMailOutbox>();

    public InboundStore Inbound => host.Services.GetRequiredService<InboundStore>();

    /// <param name="relayPort">Where outbound mail goes (a <see cref="MailCatcher"/>, or a port nothing listens on).</param>
    /// <param name="handler">The conversations' side; null registers none (mail then waits).</param>
    /// <param name="overrides">Settings over the test defaults (a fixed Engagement:Email:Inbound:Port included).</param>
    public static async Task<EmailNode> StartAsync(string connectionString, int relayPort, IInboundMailHandler? handler,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var smtpPort = FreePorts.One();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engagement:Email:Enabled"] = "true",
            ["Engagement:Email:Domain"] = Domain,
            ["Engagement:Email:Smtp:Host"] = "127.0.0.1",
            ["Engagement:Email:Smtp:Port"] = relayPort.ToString(),
            ["Engagement:Email:Smtp:Security"] = "None",
            ["Engagement:Email:Smtp:Timeout"] = "00:00:10",
            ["Engagement:Email:Inbound:Port"] = smtpPort.ToString(),
            ["Engagement:Email:Inbound:AcceptedDomains:0"] = Domain,
            ["Engagement:Email:Inbound:MaxMessageSize"] = "262144",
            ["Engagement:Email:Inbound:PollInterval"] = "00:00:00.200",
            ["Engagement:Email:Inbound:RetryDelay"] = "00:00:00.200",
            ["Engagement:Email:Inbound:MaxRetryDelay"] = "00:00:01",
            ["Engagement:Email:Outbox:PollInterval"] = "00:00:00.200",
            ["Engagement:Email:Outbox:RetryDelay"] = "00:00:00.200",
            ["Engagement:Email:Outbox:MaxRetryDelay"] = "00:00:01",
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        var logs = new CapturedLogs(Path.Combine(ProcessLogs.NewFolder("email-node"), "node.log"));
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddEngagementEmail(builder.Configuration, connectionString);
        builder.Services.AddEngagementAttachments(builder.Configuration, connectionString); // mail carries files
        if (handler is not null) builder.Services.AddSingleton(handler);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        var host = builder.Build();
        await host.StartAsync();
        return new EmailNode(host, int.Parse(builder.Configuration["Engagement:Email:Inbound:Port"]!), logs);
    }

    /// <summary>Sends a mail to this node's listener with MailKit; the listener's reply ("2.0.0 Ok: queued as N").</summary>
    public async Task<string> SendAsync(MimeMessage message, string? envelopeFrom = null, params string[] recipients)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None);
        var sender = MailboxAddress.Parse(envelopeFrom ?? message.From.Mailboxes.First().Address);
        var to = recipients.Length > 0 ? recipients.Select(MailboxAddress.Parse) : message.To.Mailboxes;
        var reply = await client.SendAsync(message, sender, to);
        await client.DisconnectAsync(true);
        return reply;
    }

    /// <summary>The raw mail id in the listener's 250 reply.</summary>
    public static long QueuedId(string reply) => long.Parse(reply[(reply.LastIndexOf(' ') + 1)..]);

    /// <summary>Waits until the stored mail has an outcome.</summary>
    public async Task<InboundMailRecord> ProcessedAsync(long rawId) => (await Eventually.Until(
        () => Inbound.GetAsync(rawId), r => r is { Disposition: not InboundDisposition.Pending }, $"inbound mail {rawId} processed"))!;

    /// <summary>Waits until the outbound mail reaches <paramref name="state"/>.</summary>
    public async Task<OutboundMailStatus> OutboundAsync(string mailId, OutboundMailState state) => (await Eventually.Until(
        () => Outbox.GetAsync(mailId), s => s?.State == state, $"outbound mail {mailId} {state}"))!;

    /// <summary>A graceful stop; a processor stuck in a handler is abandoned after the host's 3 s shutdown timeout.</summary>
    public async Task StopAsync()
    {
        if (stopped) return;
        stopped = true;
        await host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
        Logs.Dispose();
    }
}

/// <summary>The node's log lines, in memory for assertions and in a file beside the other process logs.</summary>
public sealed class CapturedLogs(string path) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly StreamWriter file = new(path) { AutoFlush = true };

    public bool Contains(string fragment) => lines.Any(l => l.Contains(fragment, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (file) file.Dispose();
    }

    private void Write(string line)
    {
        lines.Enqueue(line);
        lock (file)
        {
            try { file.WriteLine(line); }
            catch (ObjectDisposedException) { /* a late line from an abandoned task after the node was disposed */ }
        }
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
