namespace Engagement.Media.Rtp;

/// <summary>
/// The last <see cref="Capacity"/> plain RTP packets of a stream, by sequence number, in one
/// preallocated block, so a NACK (RFC 4585 §6.2.1) can be answered without asking the sender again.
/// Written and read on the packet thread only.
/// </summary>
internal sealed class RetransmissionBuffer
{
    public const int Capacity = 1024;
    public const int SlotSize = 1500;
    private readonly byte[] _data = GC.AllocateUninitializedArray<byte>(Capacity * SlotSize);
    private readonly int[] _lengths = new int[Capacity];
    private readonly ushort[] _sequences = new ushort[Capacity];

    public void Store(ushort sequence, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > SlotSize) return;
        var slot = sequence & (Capacity - 1);
        packet.CopyTo(_data.AsSpan(slot * SlotSize, SlotSize));
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
    }

    public bool TryGet(ushort sequence, out ReadOnlySpan<byte> packet)
    {
        var slot = sequence & (Capacity - 1);
        if (_lengths[slot] == 0 || _sequences[slot] != sequence)
        {
            packet = default;
            return false;
        }
        packet = _data.AsSpan(slot * SlotSize, _lengths[slot]);
        return true;
    }
}
