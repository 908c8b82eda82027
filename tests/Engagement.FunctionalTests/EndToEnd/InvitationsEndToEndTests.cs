using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>Proactive invitations, from an agent and from a rule, accepted by the visitor over the real hubs.</summary>
[Collection(EndToEndCollection.Name)]
public class InvitationsEndToEndTests(EndToEndFixture e2e)
{
    private readonly ContextSetup _setup = new(e2e);

    [Fact]
    public async Task An_agents_invitation_accepted_by_the_visitor_starts_a_session_with_that_agent()
    {
        var queue = await e2e.CreateQueueAsync();
        var alice = await e2e.CreateAgentAsync(queue, "alice");
        var bob = await e2e.CreateAgentAsync(queue, "bob");
        await using var aliceDesk = await _setup.AgentAsync(alice.Token);
        await using var bobDesk = await _setup.AgentAsync(bob.Token);
        var token = await e2e.NewVisitorAsync();
        await using var visitor = await _setup.VisitorAsync(token.Token, "/pricing");

        var sent = await bobDesk.Connection.InvokeAsync<Invitation>("InviteVisitor", token.CustomerId, "Hi! I can walk you through the plans.");
        Assert.Equal((bob.AgentId, queue), (sent.AgentId, sent.QueueId));
        var shown = await visitor.WaitFor<Invitation>(ClientEvents.Invitation, i => i.InvitationId == sent.InvitationId);
        Assert.Equal("Hi! I can walk you through the plans.", shown.Message);
        Assert.Equal("bob", shown.AgentName);

        var joined = await visitor.Connection.InvokeAsync<JoinResult?>("AnswerInvitation", shown.InvitationId, true);
        Assert.NotNull(joined);
        Assert.Equal(bob.AgentId, joined.Session.PreferredAgentId);
        var offer = await bobDesk.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == joined.Session.SessionId);
        Assert.Equal(token.CustomerId, offer.CustomerId);
        var accepted = await bobDesk.Connection.InvokeAsync<JoinResult>("AcceptOffer", offer.SessionId);
        Assert.Equal(bob.AgentId, accepted.Session.AssignedAgentId);
        Assert.DoesNotContain(aliceDesk.Events<SessionOffer>(ClientEvents.Offer), o => o.SessionId == offer.SessionId);

        var again = await Assert.ThrowsAsync<HubException>(() => visitor.Connection.InvokeAsync<JoinResult?>("AnswerInvitation", shown.InvitationId, true));
        Assert.Contains("conflict:", again.Message);
    }

    [Fact]
    public async Task A_declined_invitation_starts_nothing_and_nobody_off_site_can_be_invited()
    {
        var queue = await e2e.CreateQueueAsync();
        var carol = await e2e.CreateAgentAsync(queue, "carol");
        await using var desk = await _setup.AgentAsync(carol.Token);
        var token = await e2e.NewVisitorAsync();
        await using var visitor = await _setup.VisitorAsync(token.Token);

        var sent = await desk.Connection.InvokeAsync<Invitation>("InviteVisitor", token.CustomerId, "Need a hand?");
        await visitor.WaitFor<Invitation>(ClientEvents.Invitation, i => i.InvitationId == sent.InvitationId);
        Assert.Null(await visitor.Connection.InvokeAsync<JoinResult?>("AnswerInvitation", sent.InvitationId, false));

        var offSite = (await e2e.NewVisitorAsync()).CustomerId;
        var refused = await Assert.ThrowsAsync<HubException>(() => desk.Connection.InvokeAsync<Invitation>("InviteVisitor", offSite, "Hello?"));
        Assert.Contains("conflict: The visitor is not on the site now.", refused.Message);
        var blank = await Assert.ThrowsAsync<HubException>(() => desk.Connection.InvokeAsync<Invitation>("InviteVisitor", token.CustomerId, " "));
        Assert.Contains("invalid:", blank.Message);
    }

    [Fact]
    public async Task A_dwell_time_rule_invites_the_visitor_and_accepting_queues_a_session_in_the_rules_queue()
    {
        var queue = await e2e.CreateQueueAsync();
        var dave = await e2e.CreateAgentAsync(queue, "dave");
        await using var desk = await _setup.AgentAsync(dave.Token);
        var page = $"/enterprise-{Guid.NewGuid():N}";
        await AddRuleAsync(new
        {
            ruleId = "e2e-" + page.Trim('/'), name = "Reading about enterprise", enabled = true, pagePattern = page, minSecondsOnPage = 1,
            action = "inviteVisitor", message = "Planning a large rollout? Talk to us.", queueId = queue,
        });

        var token = await e2e.NewVisitorAsync();
        await using var visitor = await _setup.VisitorAsync(token.Token, "/");
        await visitor.Connection.InvokeAsync<CustomerPresenceView>("TrackPageView", page, "Enterprise", null);
        var invitation = await visitor.WaitFor<Invitation>(ClientEvents.Invitation);
        Assert.Equal(("Planning a large rollout? Talk to us.", queue), (invitation.Message, invitation.QueueId));
        Assert.Equal("e2e-" + page.Trim('/'), invitation.RuleId);

        var joined = await visitor.Connection.InvokeAsync<JoinResult?>("AnswerInvitation", invitation.InvitationId, true);
        Assert.Equal(queue, joined!.Session.QueueId);
        Assert.Null(joined.Session.PreferredAgentId);
        Assert.StartsWith("Accepted an invitation", joined.Session.Topic);
        await desk.WaitFor<SessionOffer>(ClientEvents.Offer, o => o.SessionId == joined.Session.SessionId);
    }

    [Fact]
    public async Task Rules_are_read_by_supervisors_and_replaced_by_admins_with_clear_errors()
    {
        using var admin = e2e.Http(e2e.AdminToken);
        var queue = await e2e.CreateQueueAsync();
        var bad = await admin.PutAsJsonAsync("/api/rules", new[] { new { ruleId = "x", name = "No condition", enabled = true, action = "notifyAgents", message = "m", queueId = queue } });
        Assert.Equal(400, (int)bad.StatusCode);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid", problem["code"]!.GetValue<string>());
        Assert.Contains("rules[0] needs a condition", problem["detail"]!.GetValue<string>());

        var unknownQueue = await admin.PutAsJsonAsync("/api/rules", new[] { new { ruleId = "y", name = "n", enabled = true, pagePattern = "/", action = "notifyAgents", message = "m", queueId = "no-such-queue" } });
        Assert.Equal(404, (int)unknownQueue.StatusCode);

        var agent = await e2e.CreateAgentAsync(queue, "plain-agent");
        using var asAgent = e2e.Http(agent.Token);
        Assert.Equal(403, (int)(await asAgent.GetAsync("/api/rules")).StatusCode);
        var rules = await admin.GetFromJsonAsync<ProactiveRule[]>("/api/rules", EndToEndFixture.Json);
        Assert.NotNull(rules);
    }

    /// <summary>Adds a rule to the current ones (other tests' rules stay) and waits out the per-silo refresh.</summary>
    private async Task AddRuleAsync(object rule)
    {
        using var admin = e2e.Http(e2e.AdminToken);
        var current = JsonNode.Parse(await admin.GetStringAsync("/api/rules"))!.AsArray();
        current.Add(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(rule, EndToEndFixture.Json)));
        var response = await admin.PutAsync("/api/rules", new StringContent(current.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await Task.Delay(400);
    }
}
