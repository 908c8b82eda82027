using Engagement.Storage;
using Engagement.Webhooks;

namespace Engagement.Conversations;

/// <summary>
/// Live chat sessions as episodes of the conversation: it follows each one (waiting, answered, closed, abandoned)
/// and reads their transcripts back into the thread. Sessions never await conversations, so awaiting a session's
/// summary here cannot deadlock (docs/architecture.md, call directions).
/// </summary>
internal sealed partial class ConversationGrain
{
    public async Task EpisodeStarted(string sessionId)
    {
        if (S.SessionIds.Contains(sessionId)) return;
        var summary = await GrainFactory.GetSession(sessionId).Summary();
        if (summary is null) return;
        if (!S.Exists)
        {
            await Create(new NewConversation(ContactOf(summary), summary.QueueId, summary.Channel, summary.Topic, null, null));
        }
        S.SessionIds.Add(sessionId);
        S.LiveSessionId = sessionId;
        S.Subject ??= summary.Topic;
        S.LastActivityAt = Now;
        if (S.Status != ConversationStatus.Open) await ChangeStatusAsync(ConversationStatus.Open, null, "A new chat");
        await SaveAsync();
    }

    public async Task EpisodeChanged(string sessionId)
    {
        if (!S.Exists || !S.SessionIds.Contains(sessionId)) return;
        var summary = await GrainFactory.GetSession(sessionId).Summary();
        if (summary is null) return;
        switch (summary.Status)
        {
            case SessionStatus.Active or SessionStatus.WrapUp:
                if (summary.AgentId is { } agent && agent != S.AssigneeId) Raise(WebhookEventTypes.ConversationAssigned);
                S.AssigneeId = summary.AgentId ?? S.AssigneeId;
                S.AwaitingReply = false;
                break;
            case SessionStatus.Closed when S.LiveSessionId == sessionId:
                S.LiveSessionId = null;
                S.AwaitingReply = false;
                S.AssigneeId = summary.AgentId ?? S.AssigneeId;
                await ChangeStatusAsync(ConversationStatus.Resolved, null, "The chat's end");
                break;
            case SessionStatus.Abandoned when S.LiveSessionId == sessionId:
                S.LiveSessionId = null;
                await AfterAbandonedAsync(sessionId);
                break;
            default:
                return;
        }
        await SaveAsync();
    }

    /// <summary>
    /// Nobody answered the chat. What the visitor wrote must reach someone: the conversation stays open and waits in
    /// the inbox. A chat abandoned without a word, in a conversation with nothing else in it, is resolved quietly.
    /// </summary>
    private async Task AfterAbandonedAsync(string sessionId)
    {
        var tail = await transcript.ReadTailAsync(sessionId, Limits.ThreadMessages);
        var lastWords = tail.LastOrDefault(m => m.Kind == MessageKind.Text && m.SenderRole == ParticipantRole.Visitor);
        if (lastWords is not null)
        {
            S.AwaitingReply = true;
            S.Preview = ConversationRules.Preview(lastWords);
            await AppendEventAsync("The visitor left before anyone answered; the conversation waits in the inbox.");
        }
        else if (S.LastSeq == 0 && S.SessionIds.Count == 1)
        {
            S.Status = ConversationStatus.Resolved;
            Raise(WebhookEventTypes.ConversationStatusChanged);
        }
    }

    public async Task<ConversationThread> Thread(Caller caller)
    {
        await EnsureVisibleAsync(caller);
        var sources = S.SessionIds.Append(Id).ToArray();
        var reads = await Task.WhenAll(sources.Select(id => transcript.ReadTailAsync(id, Limits.ThreadMessages)));
        // A chat's staff-only entries (whispers, supervision events) are for staff alone; a contact or channel never reads them.
        var all = reads.SelectMany(r => r).Where(m => MessageAudience.MayRead(caller, m)).OrderBy(m => m.At).ThenBy(m => m.SessionId, StringComparer.Ordinal).ThenBy(m => m.Seq).ToList();
        // Each transcript's newest ThreadMessages are read; together they may hold more than the thread carries.
        var truncated = all.Count > Limits.ThreadMessages || reads.Any(r => r.Count == Limits.ThreadMessages && r[0].Seq > 1);
        var newest = all.Skip(Math.Max(0, all.Count - Limits.ThreadMessages)).ToArray();
        return new ConversationThread(ViewFor(caller), newest, truncated);
    }

    public async Task<ConversationExport> Export(Caller caller)
    {
        await EnsureVisibleAsync(caller);
        var all = new List<ChatMessage>();
        foreach (var source in S.SessionIds.Append(Id)) all.AddRange(await ReadWholeAsync(source));
        var messages = all.Where(m => MessageAudience.MayRead(caller, m)).OrderBy(m => m.At).ThenBy(m => m.SessionId, StringComparer.Ordinal).ThenBy(m => m.Seq).ToArray();
        return new ConversationExport(ViewFor(caller), messages, IsStaffOrSystem(caller) ? [.. S.Notes] : []);
    }

    /// <summary>Every message of one transcript (the conversation's own or an episode's), in seq order, read in pages.</summary>
    private async Task<List<ChatMessage>> ReadWholeAsync(string threadId)
    {
        var messages = new List<ChatMessage>();
        for (long after = 0; ;)
        {
            var page = await transcript.ReadAsync(threadId, after, ExportPage);
            messages.AddRange(page);
            if (page.Count < ExportPage) return messages;
            after = page[^1].Seq;
        }
    }

    /// <summary>The session's current customer (after identify, the known one).</summary>
    private static string ContactOf(SessionSummary summary) => summary.CustomerId;
}
