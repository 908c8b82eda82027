using Engagement.Conversations;
using Microsoft.Extensions.Logging;

namespace Engagement.Privacy;

/// <summary>
/// Retention (docs/protocol.md, Retention): every hour, for each queue with a retention period, the resolved
/// conversations idle for longer are erased with their chats, in batches, as the contact's erasure erases them.
/// A durable reminder drives it, so it survives every silo restarting; a queue given a period asks for it
/// (<see cref="Ensure"/>). Queues, conversations and sessions never call back, so awaiting them cannot deadlock.
/// </summary>
[GrainType("retention")]
internal sealed partial class RetentionGrain(ConversationIndex index, TimeProvider clock, ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string Reminder = "retention-sweep";
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private const int Batch = 200;

    public async Task Ensure()
    {
        if (await this.GetReminder(Reminder) is null) await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), Period);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == Reminder ? Sweep() : Task.CompletedTask;

    public async Task<int> Sweep()
    {
        var erased = 0;
        foreach (var queueId in await GrainFactory.GetRegistry().ListQueues())
        {
            if (await GrainFactory.GetQueue(queueId).GetDefinition() is not { RetentionDays: { } days }) continue;
            var before = clock.GetUtcNow().AddDays(-days);
            while (true)
            {
                var expired = await index.ResolvedBeforeAsync(queueId, before, Batch);
                foreach (var conversationId in expired)
                {
                    var gone = await GrainFactory.GetConversation(conversationId).Erase();
                    foreach (var sessionId in gone.SessionIds) await GrainFactory.GetSession(sessionId).Erase();
                }
                erased += expired.Length;
                if (expired.Length < Batch) break;
            }
        }
        if (erased > 0) LogSwept(erased);
        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased {Count} resolved conversations past their queue's period.")]
    private partial void LogSwept(int count);
}
