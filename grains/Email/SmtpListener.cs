using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Net;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Engagement.Email;

/// <summary>
/// Our inbound SMTP listener (SmtpServer), one per silo on <see cref="InboundOptions.Address"/>:<see cref="InboundOptions.Port"/>.
/// It takes mail for the accepted domains only (<see cref="RecipientFilter"/>, 550 otherwise), refuses more than
/// <see cref="InboundOptions.MaxMessageSize"/> (552), and answers 250 only once the raw message is committed to
/// PostgreSQL (<see cref="RawMailStore"/>). A port it cannot bind stops the host from starting.
/// </summary>
public sealed partial class SmtpListener(
    IOptions<EmailOptions> options, RecipientFilter recipients, RawMailStore store, ILogger<SmtpListener> logger) : IHostedService
{
    /// <summary>A whole SMTP session, from greeting to QUIT: room for the largest message on a slow link.</summary>
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(10);
    /// <summary>Longest wait for a client's next command.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    /// <summary>Where the listener is bound, once started.</summary>
    public EndPoint? LocalEndPoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var inbound = options.Value.Inbound;
        var endpoint = new IPEndPoint(IPAddress.Parse(inbound.Address), inbound.Port);
        var serverOptions = new SmtpServerOptionsBuilder()
            .ServerName(inbound.ServerName.Length > 0 ? inbound.ServerName : options.Value.OwnDomain)
            .Endpoint(e => e.Endpoint(endpoint).SessionTimeout(SessionTimeout))
            // Strict: the DATA read stops at the limit instead of buffering whatever a client sends.
            .MaxMessageSize(inbound.MaxMessageSize, MaxMessageSizeHandling.Strict)
            .CommandWaitTimeout(CommandTimeout)
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => LocalEndPoint = e.LocalEndPoint;
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(recipients);
        services.Add(store);
        var server = new SmtpServerHost(serverOptions, services);
        server.SessionFaulted += (_, e) => LogSessionFaulted(e.Exception.Message);
        // StartAsync binds before its first await: a port in use faults the task at once.
        running = server.StartAsync(stopping.Token);
        if (running.IsFaulted) await running;
        LogListening(LocalEndPoint?.ToString() ?? endpoint.ToString(), string.Join(", ", inbound.AcceptedDomains), inbound.MaxMessageSize);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (running is null) return;
        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped (or the host gave up waiting for open sessions): a session cut before 250 stored nothing.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP listener on {EndPoint} for {Domains} (messages up to {MaxSize} bytes)")]
    private partial void LogListening(string endPoint, string domains, int maxSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP session ended with an error: {Reason}")]
    private partial void LogSessionFaulted(string reason);
}
