using Microsoft.Extensions.Logging;

namespace Engagement.Queues;

/// <summary>
/// Overflow: a session that reached an <see cref="RoutingStep.OverflowTo"/> step moves to that queue with its wait
/// and priority. The target takes it first, then the session is told, then it leaves this queue, so a failure on
/// the way leaves it waiting here rather than nowhere. While it moves it is offered to no one here.
/// </summary>
internal sealed partial class QueueGrain
{
    /// <summary>Sessions on their way to another queue.</summary>
    private readonly HashSet<string> _moving = new(StringComparer.Ordinal);
    /// <summary>Targets that refused (a queue since removed): not tried again by this activation.</summary>
    private readonly HashSet<(string SessionId, string QueueId)> _refusedOverflows = [];

    private void StartOverflows(DateTimeOffset now)
    {
        if (S.Definition?.Routing?.Steps is not { Length: > 0 }) return;
        foreach (var waiting in S.Waiting)
        {
            if (waiting.OfferedTo is not null || _moving.Contains(waiting.SessionId)) continue;
            if (DemandFor(waiting, now).OverflowTo is not { } target || _refusedOverflows.Contains((waiting.SessionId, target))) continue;
            _moving.Add(waiting.SessionId);
            OverflowAsync(waiting, target).Ignore();
        }
    }

    private async Task OverflowAsync(QueuedSession waiting, string targetQueueId)
    {
        try
        {
            var target = GrainFactory.GetQueue(targetQueueId);
            await target.Enqueue(waiting with { OfferedTo = null, OfferExpiresAt = null });
            if (!await GrainFactory.GetSession(waiting.SessionId).MovedToQueue(Id, targetQueueId))
            {
                await target.Cancel(waiting.SessionId); // it stopped waiting meanwhile
                return;
            }
            var index = S.Waiting.FindIndex(w => w.SessionId == waiting.SessionId);
            if (index < 0) return;
            S.Waiting.RemoveAt(index);
            S.Overflowed++;
            _tried.Remove(waiting.SessionId);
            await _writer.WriteAsync();
            logger.LogInformation("Session {SessionId} overflowed from queue {QueueId} to {Target}", waiting.SessionId, Id, targetQueueId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Session {SessionId} could not overflow from queue {QueueId} to {Target}; it waits here", waiting.SessionId, Id, targetQueueId);
            _refusedOverflows.Add((waiting.SessionId, targetQueueId));
        }
        finally
        {
            _moving.Remove(waiting.SessionId);
        }
        NotifyPositions();
        Match();
    }
}
