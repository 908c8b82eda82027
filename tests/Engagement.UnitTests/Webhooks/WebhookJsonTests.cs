using System.Text.Json;
using Engagement.Api.Hosting;
using Engagement.Webhooks;

namespace Engagement.UnitTests.Webhooks;

/// <summary>Webhook bodies have the API's JSON shape and the documented envelope.</summary>
public sealed class WebhookJsonTests
{
    private static readonly ChatMessage Message = new(
        "s_abc", 7, MessageKind.Text, "agent-1", ParticipantRole.Agent, "Alice", "Hello \"there\"", new DateTimeOffset(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero), "client-1");

    [Fact]
    public void Data_is_written_as_the_api_writes_it()
    {
        var api = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(api);

        var data = MessageCreatedData.Of(Message);
        Assert.Equal(JsonSerializer.Serialize(data, api), WebhookJson.Data(data));
    }

    [Fact]
    public void Message_created_carries_the_message_with_camel_case_names_and_enums()
    {
        using var json = JsonDocument.Parse(WebhookJson.MessageData(Message));
        var root = json.RootElement;
        Assert.Equal(["sessionId", "seq", "kind", "senderId", "senderRole", "senderName", "text", "at", "attachments"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("text", root.GetProperty("kind").GetString());
        Assert.Equal("agent", root.GetProperty("senderRole").GetString());
        Assert.Equal(Message.At, root.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public void The_body_is_the_envelope_around_the_data()
    {
        var body = WebhookJson.Body("msg_s_abc_7", WebhookEventTypes.MessageCreated, Message.At, WebhookJson.MessageData(Message));

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["id", "type", "occurredAt", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("msg_s_abc_7", root.GetProperty("id").GetString());
        Assert.Equal("message.created", root.GetProperty("type").GetString());
        Assert.Equal("Hello \"there\"", root.GetProperty("data").GetProperty("text").GetString());
    }
}
