using Engagement.Media.Rtp;
using Engagement.Media.Transport;

namespace Engagement.Media.Sfu;

/// <summary>
/// Splits the copies of one packet between the packet thread and helper threads, for tracks with many
/// subscribers: with one thread the N-th copy leaves about N × (encrypt + sendto) after the packet arrived.
/// The copies are claimed one at a time from a shared counter, so the packet thread never waits for a helper
/// to be scheduled: it starts sending at once and takes whatever the helpers have not claimed (all of them,
/// if no helper got a core meanwhile). It returns only when every claimed copy is sent, so each subscriber
/// still gets packets in order and the payload is not overwritten early. Idle helpers block on an event
/// (no spinning between packets).
/// </summary>
internal sealed class ParallelFanOut : IDisposable
{
    private const int SpinsBeforeBlocking = 100;
    private readonly Helper[] _helpers;
    private readonly byte[] _payload = new byte[65536];
    private readonly ManualResetEventSlim _idle = new(false, spinCount: 0);
    private int _payloadLength;
    private RtpHeader _header;
    private DownTrack[] _downTracks = [];
    private int _next;
    private int _open;
    private int _busy;
    private int _waiting;
    private volatile bool _disposed;

    public ParallelFanOut(int helperThreads, int threshold, int realtimePriority = 0)
    {
        Threshold = threshold;
        _helpers = new Helper[helperThreads];
        for (var i = 0; i < helperThreads; i++) _helpers[i] = new Helper(this, i, realtimePriority);
    }

    /// <summary>Tracks with at least this many subscribers are fanned out in parallel.</summary>
    public int Threshold { get; }

    /// <summary>Copies sent by helper threads (the rest were sent by the packet thread).</summary>
    internal long HelperCopies;

    /// <summary>Packet thread only.</summary>
    public void Forward(DownTrack[] downTracks, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_payload);
        _payloadLength = payload.Length;
        _header = header;
        _downTracks = downTracks;
        _next = 0;
        Interlocked.Exchange(ref _open, 1); // publishes the round to helpers that count themselves in below
        foreach (var helper in _helpers) helper.Wake();
        Claim(payload);
        Interlocked.Exchange(ref _open, 0); // no helper joins this round from here on
        WaitForHelpers();
    }

    /// <summary>Sends copies until none is left to claim; returns how many this thread sent.</summary>
    private int Claim(ReadOnlySpan<byte> payload)
    {
        var downTracks = _downTracks;
        var sent = 0;
        int i;
        while ((i = Interlocked.Increment(ref _next) - 1) < downTracks.Length)
        {
            downTracks[i].ForwardOrReport(_header, payload);
            sent++;
        }
        return sent;
    }

    /// <summary>Helpers still inside this round hold a claimed copy (or are about to find none left): wait for them.</summary>
    private void WaitForHelpers()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _busy) != 0)
        {
            if (spinner.Count < SpinsBeforeBlocking)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            _idle.Reset();
            Interlocked.Exchange(ref _waiting, 1);
            if (Volatile.Read(ref _busy) != 0) _idle.Wait();
            Volatile.Write(ref _waiting, 0);
        }
    }

    /// <summary>A helper's turn: join the open round, if any, and claim copies.</summary>
    private void Help()
    {
        Interlocked.Increment(ref _busy);
        if (Volatile.Read(ref _open) == 1)
        {
            var sent = Claim(_payload.AsSpan(0, _payloadLength));
            if (sent > 0) Interlocked.Add(ref HelperCopies, sent);
        }
        if (Interlocked.Decrement(ref _busy) == 0 && Volatile.Read(ref _waiting) == 1) _idle.Set();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var helper in _helpers) helper.Stop();
    }

    private sealed class Helper
    {
        private readonly ParallelFanOut _owner;
        private readonly ManualResetEventSlim _go = new(false, spinCount: 0);
        private readonly Thread _thread;
        private readonly int _realtimePriority;

        public Helper(ParallelFanOut owner, int index, int realtimePriority)
        {
            _owner = owner;
            _realtimePriority = realtimePriority;
            _thread = new Thread(Run) { IsBackground = true, Name = $"media-fanout-{index}" };
            _thread.Start();
        }

        public void Wake()
        {
            if (!_go.IsSet) _go.Set();
        }

        public void Stop() => _go.Set();

        private void Run()
        {
            PacketThreadScheduling.Raise(_realtimePriority);
            while (true)
            {
                _go.Wait();
                _go.Reset(); // before looking for a round: a Set after this is seen by the next Wait
                if (_owner._disposed) return;
                _owner.Help();
            }
        }
    }
}
