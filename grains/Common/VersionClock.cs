namespace Engagement.Common;

/// <summary>
/// Stamps notifications a grain sends one-way, so receivers can drop one that arrives after a newer one
/// (Orleans does not promise ordering). Versions grow across activations too: they start from the clock.
/// </summary>
internal sealed class VersionClock(TimeProvider clock)
{
    private long _last;

    public long Next() => _last = Math.Max(_last + 1, clock.GetUtcNow().UtcTicks);
}
