using Engagement.Realtime;
using Microsoft.Extensions.Logging;

namespace Engagement.Conversations;

/// <summary>
/// Where a conversation's changes go once they are stored, one per silo: the inbox index, the workspaces watching the
/// conversation's queue (and supervisors watching all), the inbox's counts, and the contact's own tabs
/// (private notes go to the staff's watch groups only).
/// </summary>
internal sealed partial class ConversationFanout(ConversationIndex index, ClientPush push, IGrainFactory grains, ILogger<ConversationFanout> logger)
{
    /// <summary>Indexes the view (awaited: a list read right after a change must find it).</summary>
    public Task IndexAsync(ConversationView view) => index.UpsertAsync(view);

    /// <summary>The conversation changed: index it, then tell everyone watching.</summary>
    public async Task ChangedAsync(ConversationView view)
    {
        await IndexAsync(view);
        BroadcastAsync(view.QueueId, ClientEvent.Conversation(view)).Ignore();
        grains.GetInbox().Changed().Ignore();
        grains.GetCustomer(view.ContactId).ConversationChanged(ConversationRules.ForContact(view)).Ignore();
    }

    /// <summary>A message was stored in the conversation's own transcript.</summary>
    public void Message(ConversationView view, ChatMessage message)
    {
        BroadcastAsync(view.QueueId, ClientEvent.ConversationMessage(message)).Ignore();
        grains.GetCustomer(view.ContactId).ConversationMessage(message).Ignore();
    }

    /// <summary>A private note was stored: to the staff watching the inbox only, never to the contact's tabs.</summary>
    public void Note(string queueId, ConversationNote note) => BroadcastAsync(queueId, ClientEvent.ConversationNote(note)).Ignore();

    private async Task BroadcastAsync(string queueId, ClientEvent evt)
    {
        try
        {
            await push.BroadcastAsync(HubKind.Agent, WatchGroups.InboxQueue(queueId), evt);
            await push.BroadcastAsync(HubKind.Agent, WatchGroups.InboxAll, evt);
        }
        catch (Exception e)
        {
            LogBroadcastFailed(e, evt.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not broadcast the inbox event '{Name}'; workspaces catch up on their next list.")]
    private partial void LogBroadcastFailed(Exception exception, string name);
}
