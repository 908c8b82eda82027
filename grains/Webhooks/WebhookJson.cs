using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Webhooks;

/// <summary>
/// The JSON of webhook bodies: the same shape as the API's (api/Hosting/JsonSetup: camelCase, enums as camelCase
/// strings; a unit test compares the two, the grains cannot reference the API), and the envelope every body has:
/// <c>{ "id", "type", "occurredAt", "data" }</c>.
/// </summary>
public static class WebhookJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>An event's data as JSON text.</summary>
    public static string Data(object? data) => JsonSerializer.Serialize(data, Options);

    /// <summary>The data of <see cref="WebhookEventTypes.MessageCreated"/>: the stored message.</summary>
    public static string MessageData(ChatMessage message) => JsonSerializer.Serialize(MessageCreatedData.Of(message), Options);

    /// <summary>The request body: the envelope with <paramref name="dataJson"/> (JSON text) as its data, UTF-8.</summary>
    public static byte[] Body(string eventId, string eventType, DateTimeOffset occurredAt, string dataJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + dataJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", eventId);
            writer.WriteString("type", eventType);
            writer.WriteString("occurredAt", occurredAt);
            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson, skipInputValidation: false);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>What <see cref="WebhookEventTypes.MessageCreated"/> carries: the message as stored (without the sender's client message id).</summary>
public sealed record MessageCreatedData(
    string SessionId, long Seq, MessageKind Kind, string SenderId, ParticipantRole SenderRole, string SenderName, string Text, DateTimeOffset At,
    AttachmentView[]? Attachments)
{
    public static MessageCreatedData Of(ChatMessage m) => new(m.SessionId, m.Seq, m.Kind, m.SenderId, m.SenderRole, m.SenderName, m.Text, m.At, m.Attachments);
}
