using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Engagement.FunctionalTests.Api;

/// <summary>
/// A queue's pre-chat form (docs/protocol.md, Pre-chat form) through the real REST API and visitor hub: defined and
/// checked on the queue, read by the widget, answered in StartSession and LeaveMessage, refused with the field named,
/// and stored as the contact's attributes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreChatFormTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    private static object Form(bool consentRequired = true) => new
    {
        name = "required",
        email = "optional",
        fields = new object[]
        {
            new { key = "company", label = "Company", kind = "text", required = false },
            new { key = "seats", label = "How many seats?", kind = "number", required = false },
            new { key = "plan", label = "Plan", kind = "select", required = true, options = new[] { "Starter", "Pro" } },
        },
        consent = new { text = "You may keep this chat to answer me.", required = consentRequired },
    };

    [Fact]
    public async Task A_form_is_checked_when_the_queue_is_saved_and_the_widget_reads_it()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, _) = await _client.NewQueueWithAgentAsync();
        async Task AssertRefusedAsync(object preChatForm, string code, string field)
        {
            var (status, json) = await _client.SendAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Q", skills = new[] { "chat" }, preChatForm });
            Assert.True(status == 400, $"answered {status}: {json?.ToJsonString()}");
            Assert.Equal(code, json!["code"]!.GetValue<string>());
            Assert.Contains(field, json["detail"]!.GetValue<string>());
        }
        object Field(string key, string kind = "text", string[]? options = null) => new { key, label = "L", kind, required = false, options };
        await AssertRefusedAsync(new { fields = new[] { Field("email") } }, "invalid", "preChatForm.fields[0].key");
        await AssertRefusedAsync(new { fields = new[] { Field("a b") } }, "invalid", "preChatForm.fields[0].key");
        await AssertRefusedAsync(new { fields = new[] { Field("plan"), Field("plan") } }, "invalid", "preChatForm.fields");
        await AssertRefusedAsync(new { fields = new[] { Field("plan", "select") } }, "invalid", "preChatForm.fields[0].options");
        await AssertRefusedAsync(new { fields = new[] { Field("plan", "text", ["a"]) } }, "invalid", "preChatForm.fields[0].options");
        await AssertRefusedAsync(new { fields = new[] { Field("plan", "select", ["a", "a"]) } }, "invalid", "preChatForm.fields[0].options");
        await AssertRefusedAsync(new { fields = new[] { new { key = "x", label = "", kind = "text", required = false } } }, "invalid", "preChatForm.fields[0].label");
        await AssertRefusedAsync(new { fields = Enumerable.Range(0, Limits.PreChatFields + 1).Select(i => Field($"f{i}")).ToArray() }, "too_large", "preChatForm.fields");
        await AssertRefusedAsync(new { fields = new[] { Field("plan", "select", [.. Enumerable.Range(0, Limits.PreChatOptions + 1).Select(i => $"o{i}")]) } },
            "too_large", "preChatForm.fields[0].options");
        await AssertRefusedAsync(new { consent = new { text = new string('c', Limits.ConsentText + 1), required = true } }, "too_large", "preChatForm.consent.text");
        var (badKind, badKindJson) = await _client.SendAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin,
            new { name = "Q", skills = new[] { "chat" }, preChatForm = new { fields = new[] { Field("x", "colour") } } });
        Assert.Equal((400, "invalid"), (badKind, badKindJson!["code"]!.GetValue<string>()));

        var saved = await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Q", skills = new[] { "chat" }, preChatForm = Form() });
        Assert.Equal("required", saved["preChatForm"]!["name"]!.GetValue<string>());
        Assert.Equal(["Starter", "Pro"], saved["preChatForm"]!["fields"]![2]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));

        // Any token reads the form: the widget's visitor token too.
        var (_, visitorToken) = await _client.NewVisitorAsync();
        var read = await _client.OkAsync(HttpMethod.Get, $"/api/queues/{queueId}/form", visitorToken);
        Assert.Equal(queueId, read["queueId"]!.GetValue<string>());
        Assert.Equal("plan", read["form"]!["fields"]![2]!["key"]!.GetValue<string>());
        Assert.Equal(404, (await _client.SendAsync(HttpMethod.Get, "/api/queues/no-such-queue/form", visitorToken)).Status);

        // A form that asks nothing is no form.
        var none = await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin,
            new { name = "Q", skills = new[] { "chat" }, preChatForm = new { name = "hidden", email = "hidden", fields = Array.Empty<object>() } });
        Assert.Null(none["preChatForm"]);
        Assert.Null((await _client.OkAsync(HttpMethod.Get, $"/api/queues/{queueId}/form", visitorToken))["form"]);
    }

    [Fact]
    public async Task StartSession_refuses_answers_that_break_the_form_naming_the_field_and_stores_good_ones_as_attributes()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Sales", skills = new[] { "chat" }, preChatForm = Form() });
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);
        var good = new Dictionary<string, string?>
        {
            ["name"] = " Rosa ", ["email"] = "rosa@example.com", ["company"] = "Acme", ["seats"] = "12", ["plan"] = "Pro", ["consent"] = "true",
        };
        async Task AssertRefusedAsync(string code, string field, Action<Dictionary<string, string?>> change)
        {
            var form = new Dictionary<string, string?>(good);
            change(form);
            var refused = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId, form })));
            Assert.Contains($"{code}: form.{field} ", refused.Message);
        }
        await AssertRefusedAsync("invalid", "name", f => f.Remove("name"));
        await AssertRefusedAsync("invalid", "name", f => f["name"] = "   ");
        await AssertRefusedAsync("invalid", "email", f => f["email"] = "not-an-address");
        await AssertRefusedAsync("invalid", "seats", f => f["seats"] = "a dozen");
        await AssertRefusedAsync("invalid", "plan", f => f["plan"] = "pro");
        await AssertRefusedAsync("invalid", "plan", f => f.Remove("plan"));
        await AssertRefusedAsync("invalid", "consent", f => f["consent"] = "false");
        await AssertRefusedAsync("invalid", "consent", f => f["consent"] = "yes");
        await AssertRefusedAsync("invalid", "colour", f => f["colour"] = "blue");
        await AssertRefusedAsync("too_large", "company", f => f["company"] = new string('a', Limits.AttributeValue + 1));
        var noForm = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId })));
        Assert.Contains("invalid: form.name is required", noForm.Message);

        // Nothing was started or stored by the refusals.
        Assert.Empty((await _client.OkAsync(HttpMethod.Get, $"/api/conversations?queue={queueId}", agentToken))["conversations"]!.AsArray());

        var started = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId, form = good, requestId = "chat-1" }));
        Assert.Equal("queued", started.GetProperty("session").GetProperty("status").GetString());
        var contact = await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{customerId}", agentToken);
        var attributes = contact["attributes"]!.AsObject();
        Assert.Equal("Rosa", attributes["name"]!.GetValue<string>());
        Assert.Equal("rosa@example.com", attributes["email"]!.GetValue<string>());
        Assert.Equal("Acme", attributes["company"]!.GetValue<string>());
        Assert.Equal("12", attributes["seats"]!.GetValue<string>());
        Assert.Equal("Pro", attributes["plan"]!.GetValue<string>());
        Assert.Equal("You may keep this chat to answer me.", attributes["consent"]!.GetValue<string>());
        var consentAt = DateTimeOffset.Parse(attributes["consentAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(consentAt <= DateTimeOffset.UtcNow && consentAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("Rosa", contact["name"]!.GetValue<string>());
        // The chat's conversation names its contact from the start, for the inbox (it follows the chat one-way).
        var sessionId = started.GetProperty("session").GetProperty("sessionId").GetString()!;
        var conversation = await EventuallyAsync(async () =>
            (await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{customerId}", agentToken))["conversations"]!.AsArray()
                .SingleOrDefault(c => c!["sessionIds"]!.AsArray().Any(x => x!.GetValue<string>() == sessionId)));
        Assert.Equal(("Rosa", "rosa@example.com"), (conversation["contactName"]!.GetValue<string>(), conversation["contactEmail"]!.GetValue<string>()));
        await visitor.DisposeAsync();
    }

    [Fact]
    public async Task LeaveMessage_takes_the_form_with_its_own_name_and_email_and_a_queue_without_a_form_takes_no_answers()
    {
        var admin = await _client.AdminTokenAsync();
        var (queueId, _, agentToken) = await _client.NewQueueWithAgentAsync();
        await _client.OkAsync(HttpMethod.Put, $"/api/queues/{queueId}", admin, new { name = "Sales", skills = new[] { "chat" }, preChatForm = Form(consentRequired: false) });
        var (customerId, visitorToken) = await _client.NewVisitorAsync();
        var (visitor, _) = await _client.ConnectAsync("visitor", visitorToken);

        var noName = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("LeaveMessage",
            ApiClient.Json(new { queueId, email = "ola@example.com", text = "Hi", form = new { plan = "Starter" } })));
        Assert.Contains("invalid: form.name is required", noName.Message);
        var noPlan = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("LeaveMessage",
            ApiClient.Json(new { queueId, name = "Ola", email = "ola@example.com", text = "Hi" })));
        Assert.Contains("invalid: form.plan is required", noPlan.Message);

        var left = await visitor.InvokeAsync<JsonElement>("LeaveMessage",
            ApiClient.Json(new { queueId, name = "Ola", email = "ola@example.com", text = "Call me back", form = new { plan = "Starter", seats = "3", consent = "false" } }));
        Assert.Equal("Ola", left.GetProperty("conversation").GetProperty("contactName").GetString());
        var attributes = (await _client.OkAsync(HttpMethod.Get, $"/api/contacts/{customerId}", agentToken))["attributes"]!.AsObject();
        Assert.Equal(("Ola", "ola@example.com", "Starter", "3"), (attributes["name"]!.GetValue<string>(), attributes["email"]!.GetValue<string>(),
            attributes["plan"]!.GetValue<string>(), attributes["seats"]!.GetValue<string>()));
        Assert.False(attributes.ContainsKey("consent")); // not ticked, not required: nothing recorded

        var (plainQueue, _, _) = await _client.NewQueueWithAgentAsync();
        var stray = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<JsonElement>("StartSession",
            ApiClient.Json(new { queueId = plainQueue, form = new { plan = "Pro" } })));
        Assert.Contains("invalid: form.plan is not a question", stray.Message);
        var plain = await visitor.InvokeAsync<JsonElement>("StartSession", ApiClient.Json(new { queueId = plainQueue }));
        Assert.Equal("queued", plain.GetProperty("session").GetProperty("status").GetString());
        await visitor.DisposeAsync();
    }

    /// <summary>Polls until <paramref name="probe"/> finds something (a conversation follows its chat one-way).</summary>
    private static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode?>> probe)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Patience;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The conversation never showed what the test waited for.");
            await Task.Delay(100);
        }
    }
}
