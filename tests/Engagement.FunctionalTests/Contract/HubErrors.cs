using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Contract;

/// <summary>Reads hub errors as docs/protocol.md tells clients to: the "code: message" after "HubException: ".</summary>
internal static class HubErrors
{
    private const string Marker = "HubException: ";

    public static (string Code, string Message) Of(string error)
    {
        var at = error.LastIndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no coded error in: {error}");
        var coded = error[(at + Marker.Length)..];
        var colon = coded.IndexOf(": ", StringComparison.Ordinal);
        Assert.True(colon > 0, $"no code in: {error}");
        return (coded[..colon], coded[(colon + 2)..]);
    }

    /// <summary>Invokes <paramref name="method"/> with raw arguments (any JSON shape) and returns the error's code and message.</summary>
    public static async Task<(string Code, string Message)> FailAsync(HubConnection connection, string method, params object?[] args)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<object?>(method, args));
        return Of(error.Message);
    }

    /// <summary>Asserts the call fails with <paramref name="code"/> and the connection is still usable.</summary>
    public static async Task<string> ExpectAsync(HubConnection connection, string code, string method, params object?[] args)
    {
        var (actual, message) = await FailAsync(connection, method, args);
        Assert.True(code == actual, $"{method}: expected {code}, got {actual}: {message}");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        return message;
    }
}
