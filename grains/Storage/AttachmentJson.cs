using System.Text.Json;

namespace Engagement.Storage;

/// <summary>A message's attachments as its transcript row keeps them (session_message.attachments, jsonb), in the protocol's own shape.</summary>
public static class AttachmentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The column's value: null for a message without files.</summary>
    public static string? Write(AttachmentView[]? attachments) =>
        attachments is null or { Length: 0 } ? null : JsonSerializer.Serialize(attachments, Options);

    public static AttachmentView[]? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<AttachmentView[]>(json, Options);

    /// <summary>The column read at <paramref name="ordinal"/> (as text), null when SQL NULL.</summary>
    public static AttachmentView[]? Read(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Read(reader.GetString(ordinal));
}
