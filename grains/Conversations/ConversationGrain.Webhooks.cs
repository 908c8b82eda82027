using Engagement.Webhooks;
using Microsoft.Extensions.Logging;

namespace Engagement.Conversations;

/// <summary>
/// The conversation's webhook events (docs/webhooks.md): each change raises its types during the turn; they are
/// stored with the state (<see cref="ConversationState.PendingWebhooks"/>), then handed to the outbox. An outbox
/// that fails keeps them pending for the next change or activation; the event ids make a repeat harmless.
/// </summary>
internal sealed partial class ConversationGrain
{
    private readonly List<string> _raised = [];

    private void Raise(string type)
    {
        if (!_raised.Contains(type)) _raised.Add(type);
    }

    /// <summary>Turns this turn's raised types into pending events of the new version (called before the state is written).</summary>
    private void QueueRaisedWebhooks()
    {
        if (_raised.Count == 0) return;
        var view = View();
        foreach (var type in _raised) S.PendingWebhooks.Add(new PendingWebhook($"{Id}:{S.Version}:{type}", type, Now, view));
        _raised.Clear();
    }

    private async Task PublishPendingWebhooksAsync()
    {
        if (S.PendingWebhooks.Count == 0) return;
        var events = S.PendingWebhooks.Select(p => new WebhookEvent(p.EventId, p.Type, p.OccurredAt, p.Conversation)).ToList();
        try
        {
            await webhooks.PublishAsync(events);
            S.PendingWebhooks.Clear(); // stored with the next write; until then a new activation publishes them again, harmlessly
        }
        catch (Exception e)
        {
            LogPublishFailed(e, Id, events.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: {Count} webhook events could not be published yet; they are kept and retried with the next change.")]
    private partial void LogPublishFailed(Exception exception, string conversationId, int count);
}
