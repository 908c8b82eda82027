using System.Diagnostics;

namespace Engagement.Media.Rtp;

/// <summary>
/// Reception statistics of one incoming stream for receiver reports (RFC 3550 §6.4.1, Appendix A.1,
/// A.3, A.8): extended highest sequence, cumulative and interval loss, interarrival jitter, LSR/DLSR.
/// Updated on the packet thread; the report timer reads a snapshot (benign races on counters).
/// </summary>
internal sealed class ReceiveStatistics(int clockRate)
{
    private bool _started;
    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private long _received;
    private long _expectedPrior, _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private uint _lastSrCompact;
    private long _lastSrArrival;

    public long Received => _received;

    /// <summary>Records a packet; returns how many sequence numbers were skipped before it (0 if in order or late).</summary>
    public int Update(ushort seq, uint timestamp)
    {
        var arrival = (long)(Stopwatch.GetTimestamp() * (double)clockRate / Stopwatch.Frequency);
        var transit = arrival - timestamp;
        _received++;
        if (!_started)
        {
            _started = true;
            _maxSeq = seq;
            _baseSeq = seq;
            _lastTransit = transit;
            return 0;
        }
        var d = Math.Abs(transit - _lastTransit);
        _lastTransit = transit;
        _jitter += (d - _jitter) / 16.0;

        var delta = (ushort)(seq - _maxSeq);
        if (delta == 0 || delta >= 0x8000) return 0; // duplicate or late/reordered
        if (seq < _maxSeq) _cycles += 1 << 16;
        _maxSeq = seq;
        return delta - 1;
    }

    public void OnSenderReport(ulong ntp)
    {
        _lastSrCompact = (uint)(ntp >> 16);
        _lastSrArrival = Stopwatch.GetTimestamp();
    }

    public RtcpReportBlock BuildReport(uint ssrc)
    {
        var extendedMax = _cycles + _maxSeq;
        var expected = (long)extendedMax - _baseSeq + 1;
        var lost = expected - _received;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        uint dlsr = 0;
        if (_lastSrArrival != 0)
        {
            dlsr = (uint)(Stopwatch.GetElapsedTime(_lastSrArrival).TotalSeconds * 65536);
        }
        return new RtcpReportBlock(ssrc, (byte)fraction, (int)Math.Clamp(lost, -0x800000, 0x7FFFFF), extendedMax,
            (uint)_jitter, _lastSrCompact, dlsr);
    }
}
