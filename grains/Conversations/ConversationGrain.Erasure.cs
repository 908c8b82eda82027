using Engagement.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Conversations;

/// <summary>Erasing the conversation with its contact (docs/protocol.md, Erasure): nothing of it stays in PostgreSQL.</summary>
internal sealed partial class ConversationGrain
{
    public async Task<ConversationErased> Erase()
    {
        var erasure = ServiceProvider.GetRequiredService<ErasureStore>();
        var sessions = S.SessionIds.ToArray();
        if (await this.GetReminder(SnoozeReminder) is { } reminder) await this.UnregisterReminder(reminder);
        var (messages, deliveries) = await erasure.DeleteTranscriptAsync(Id);
        var rows = deliveries + await erasure.DeleteConversationRowsAsync(Id);
        S.PendingWebhooks.Clear(); // a change not yet published must not reach a webhook after the erasure
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return new ConversationErased(messages, rows, sessions);
    }
}
