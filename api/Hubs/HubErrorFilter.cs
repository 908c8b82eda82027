using Engagement.Api.Validation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Hubs;

/// <summary>
/// Turns failures of hub calls into errors a client can act on, as "code: message" HubExceptions
/// (SignalR shows only HubException messages to clients). Unexpected failures are logged and reported
/// generically; the connection stays up.
/// </summary>
internal sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            throw Translate(ex, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            // A HubException here closes the connection with its message shown to the client.
            throw Translate(ex, "connect", context.Context.ConnectionId);
        }
    }

    private HubException Translate(Exception exception, string method, string connectionId)
    {
        var translated = ErrorTranslation.ToClientError(exception);
        if (translated is null)
        {
            LogUnexpected(exception, method, connectionId);
            return new HubException($"{ErrorCodes.Error}: {method} failed on the server; it was logged. Retry, or reconnect if it persists.");
        }

        if (translated.Code == ErrorCodes.Unavailable)
        {
            LogUnavailable(exception, method, connectionId);
        }

        return new HubException($"{translated.Code}: {translated.Message}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed for connection {ConnectionId}.")]
    private partial void LogUnexpected(Exception exception, string method, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} for connection {ConnectionId} failed for want of the infrastructure (database or silo); the client is told 'unavailable'.")]
    private partial void LogUnavailable(Exception exception, string method, string connectionId);
}
