using Engagement.Common;
using Engagement.Realtime;

namespace Engagement.Conversations;

/// <summary>
/// The inbox's live counts. Conversations only say that they changed; the counts are taken again from the index
/// (a GROUP BY over the unresolved conversations, served by a partial index) at most every
/// <see cref="RecountInterval"/>, so a burst of changes costs one count, and a lost or reordered notice cannot
/// leave a count wrong. Holds nothing durable: a new activation simply counts.
/// </summary>
[GrainType("inbox")]
internal sealed class InboxGrain(ConversationIndex index, ClientPush push, TimeProvider clock) : Grain, IInboxGrain
{
    /// <summary>Counts change on a workspace at most this often.</summary>
    public static readonly TimeSpan RecountInterval = TimeSpan.FromMilliseconds(500);

    private Throttle? _recount;
    private InboxCounts? _latest;
    private long _version;

    private Throttle Recount => _recount ??= new Throttle(RecountInterval, RecountAndBroadcastAsync, Throttle.GrainTimer(this));

    public Task Changed() => Recount.ChangedAsync();

    public async Task<InboxCounts> Counts() => _latest ?? await CountAsync();

    private async Task RecountAndBroadcastAsync()
    {
        var counts = await CountAsync();
        await push.BroadcastAsync(HubKind.Agent, WatchGroups.InboxCounts, ClientEvent.InboxCounts(counts));
    }

    private async Task<InboxCounts> CountAsync()
    {
        var (counts, labels) = await index.CountAsync();
        // Versions from the clock, so a new activation's counts are newer than an old one's.
        _version = Math.Max(_version + 1, clock.GetUtcNow().ToUnixTimeMilliseconds());
        _latest = new InboxCounts(counts, labels, _version);
        ConversationMetrics.Counted(_latest);
        return _latest;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ConversationMetrics.Deactivated();
        return Task.CompletedTask;
    }
}
