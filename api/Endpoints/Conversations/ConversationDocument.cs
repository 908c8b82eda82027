using System.Globalization;
using System.Text;

namespace Engagement.Api.Endpoints.Conversations;

/// <summary>
/// A conversation as a readable plain-text document (the export's <c>format=text</c>): a header, one line per message,
/// then the staff's private notes under a heading that marks them as such.
/// </summary>
internal static class ConversationDocument
{
    public static string Write(ConversationExport export)
    {
        var c = export.Conversation;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Conversation {c.ConversationId}");
        var contact = c.ContactName is null ? c.ContactId : $"{c.ContactName} ({c.ContactId})";
        text.AppendLine(CultureInfo.InvariantCulture, $"Contact: {contact}{(c.ContactEmail is null ? "" : $" <{c.ContactEmail}>")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Queue: {c.QueueId} · Channel: {c.Channel} · Status: {c.Status.ToString().ToLowerInvariant()}");
        if (c.Subject is not null) text.AppendLine(CultureInfo.InvariantCulture, $"Subject: {c.Subject}");
        if (c.Labels.Length > 0) text.AppendLine(CultureInfo.InvariantCulture, $"Labels: {string.Join(", ", c.Labels)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Started {Time(c.CreatedAt)} · last activity {Time(c.LastActivityAt)}");
        text.AppendLine();
        string? episode = null;
        foreach (var m in export.Messages)
        {
            if (m.SessionId != episode && m.SessionId != c.ConversationId)
                text.AppendLine(CultureInfo.InvariantCulture, $"--- live chat {m.SessionId} ---");
            episode = m.SessionId;
            var body = string.Join("\n    ", AttachmentView.LinesOf(m));
            text.AppendLine(m.Kind == MessageKind.Event
                ? $"{Time(m.At)}  — {body}"
                : $"{Time(m.At)}  {m.SenderName} ({m.SenderRole.ToString().ToLowerInvariant()}): {body}");
        }
        if (export.Notes.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("--- private notes (staff only, never shown to the contact) ---");
            foreach (var n in export.Notes)
                text.AppendLine(CultureInfo.InvariantCulture, $"{Time(n.At)}  {n.AuthorName}: {n.Text.ReplaceLineEndings("\n    ")}");
        }
        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
