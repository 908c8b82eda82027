namespace Engagement.Media.Srtp;

/// <summary>
/// A 64-packet sliding replay window over packet indices (RFC 3711 §3.3.2): an index is fresh if it
/// is above the highest seen, or within the window and not yet marked. Check first, then
/// <see cref="Accept"/> only once the packet authenticated.
/// </summary>
internal struct SrtpReplayWindow
{
    public const int Size = 64;
    private ulong _bitmap;
    private long _highest;
    private bool _started;

    public readonly long Highest => _started ? _highest : -1;

    public readonly bool IsFresh(long index)
    {
        if (!_started || index > _highest) return true;
        var delta = _highest - index;
        return delta < Size && (_bitmap & (1UL << (int)delta)) == 0;
    }

    public void Accept(long index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _bitmap = 1;
            return;
        }
        if (index > _highest)
        {
            var shift = index - _highest;
            _bitmap = shift >= Size ? 1 : (_bitmap << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            var delta = _highest - index;
            if (delta < Size) _bitmap |= 1UL << (int)delta;
        }
    }
}
