namespace Engagement.Media.Srtp;

/// <summary>
/// Per-SSRC SRTP state (RFC 3711 §3.2.1): the rollover counter and highest sequence number for RTP
/// index estimation, the replay windows, and the next outbound SRTCP index.
/// </summary>
internal sealed class SrtpStreamState
{
    private uint _roc;
    private ushort _highestSeq;
    private bool _started;
    public SrtpReplayWindow RtpReplay;
    public SrtpReplayWindow RtcpReplay;
    public uint NextRtcpIndex;

    public uint RolloverCounter => _roc;

    /// <summary>RFC 3711 Appendix A: guess the packet index of <paramref name="seq"/> from s_l and ROC; -1 if before ROC 0.</summary>
    public long EstimateIndex(ushort seq)
    {
        if (!_started) return seq;
        long v = _roc;
        if (_highestSeq < 32768)
        {
            if (seq - _highestSeq > 32768) v = _roc - 1L;
        }
        else if (_highestSeq - 32768 > seq)
        {
            v = _roc + 1L;
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }

    /// <summary>Record an authenticated (or sent) packet index: advance s_l and ROC when it is the newest.</summary>
    public void Update(long index)
    {
        var roc = (uint)(index >> 16);
        var seq = (ushort)index;
        if (!_started)
        {
            _started = true;
            _roc = roc;
            _highestSeq = seq;
            return;
        }
        if (roc > _roc || (roc == _roc && seq > _highestSeq))
        {
            _roc = roc;
            _highestSeq = seq;
        }
    }
}
