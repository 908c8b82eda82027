using Microsoft.AspNetCore.SignalR;

namespace Engagement.LoadTests.Relay;

/// <summary>
/// The raw baseline: a hub with no logic. A receiver learns its connection id with <see cref="Hello"/>;
/// its paired sender calls <see cref="Forward"/>, which hands the payload to that one connection and
/// completes (the sender's acknowledgement) once it is queued for sending.
/// </summary>
public sealed class RelayHub : Hub
{
    public const string Path = "/relay";
    public const string ReceiveMethod = "relay";

    public string Hello() => Context.ConnectionId;

    public Task Forward(string to, string payload) => Clients.Client(to).SendAsync(ReceiveMethod, payload);
}
