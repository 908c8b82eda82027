using Engagement.FunctionalTests.EndToEnd;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Calls;

/// <summary>An active session between a new visitor and a new agent, both connected with the SignalR .NET client.</summary>
public sealed class Conversation : IAsyncDisposable
{
    private Conversation(HubClient visitor, HubClient agent, string sessionId, string agentId, string visitorToken, string agentToken) =>
        (Visitor, Agent, SessionId, AgentId, VisitorToken, AgentToken) = (visitor, agent, sessionId, agentId, visitorToken, agentToken);

    public HubClient Visitor { get; }
    public HubClient Agent { get; }
    public string SessionId { get; }
    public string AgentId { get; }
    public string VisitorToken { get; }
    public string AgentToken { get; }

    public static async Task<Conversation> StartAsync(EndToEndFixture e2e)
    {
        var queue = await e2e.CreateQueueAsync();
        var login = await e2e.CreateAgentAsync(queue, "caller");
        var agent = await HubClient.AgentAsync(e2e.Node.BaseUrl, login.Token);
        var visitorToken = await e2e.NewVisitorAsync();
        var visitor = await HubClient.VisitorAsync(e2e.Node.BaseUrl, visitorToken.Token);
        var sessionId = (await visitor.Connection.InvokeAsync<JoinResult>("StartSession", new StartSessionRequest(queue))).Session.SessionId;
        await agent.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == sessionId);
        await agent.Connection.InvokeAsync<JoinResult>("AcceptOffer", sessionId);
        return new Conversation(visitor, agent, sessionId, login.AgentId, visitorToken.Token, login.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Visitor.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
