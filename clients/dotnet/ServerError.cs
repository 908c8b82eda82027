using Microsoft.AspNetCore.SignalR;

namespace Engagement.Client;

/// <summary>A hub call the server refused, with the documented code ("unavailable", "conflict", …).</summary>
public sealed class ServerError(string code, string message, Exception inner) : Exception($"{code}: {message}", inner)
{
    public string Code { get; } = code;

    /// <summary>Worth retrying (docs/protocol.md, Failures and recovery).</summary>
    public bool IsRetryable => Code == "unavailable";

    /// <summary>Reads "… HubException: code: message" from what the SignalR client throws; null when it is not a server error.</summary>
    public static ServerError? From(Exception exception)
    {
        if (exception is not HubException hub) return null;
        var text = hub.Message;
        var start = text.LastIndexOf("HubException: ", StringComparison.Ordinal);
        if (start >= 0) text = text[(start + "HubException: ".Length)..];
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ')
            ? new ServerError(text[..colon], text[(colon + 2)..], exception)
            : new ServerError("error", text, exception);
    }
}
