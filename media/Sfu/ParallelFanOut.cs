using Engagement.Media.Rtp;

namespace Engagement.Media.Sfu;

/// <summary>
/// Splits the copies of one packet over the packet thread and helper threads, for tracks with many
/// subscribers: with one thread the N-th copy leaves about N × (encrypt + sendto) after the packet
/// arrived. The call returns only when every copy is sent, so each subscriber still gets packets in
/// order and the receive buffer is not reused early. Helpers block on a semaphore when idle.
/// </summary>
internal sealed class ParallelFanOut : IDisposable
{
    private readonly Helper[] _helpers;
    private readonly byte[] _payload = new byte[65536];
    private int _payloadLength;
    private RtpHeader _header;
    private DownTrack[] _downTracks = [];
    private int _pending;
    private readonly SemaphoreSlim _done = new(0);
    private volatile bool _disposed;

    public ParallelFanOut(int helperThreads, int threshold)
    {
        Threshold = threshold;
        _helpers = new Helper[helperThreads];
        for (var i = 0; i < helperThreads; i++) _helpers[i] = new Helper(this, i);
    }

    /// <summary>Tracks with at least this many subscribers are fanned out in parallel.</summary>
    public int Threshold { get; }

    /// <summary>Packet thread only.</summary>
    public void Forward(DownTrack[] downTracks, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_payload);
        _payloadLength = payload.Length;
        _header = header;
        _downTracks = downTracks;
        var parts = _helpers.Length + 1;
        var chunk = (downTracks.Length + parts - 1) / parts;
        Volatile.Write(ref _pending, _helpers.Length);
        for (var i = 0; i < _helpers.Length; i++) _helpers[i].Start((i + 1) * chunk, Math.Min(downTracks.Length, (i + 2) * chunk));
        ForwardRange(0, Math.Min(chunk, downTracks.Length), payload);
        _done.Wait(); // released by the last helper; spins briefly, then blocks, so a descheduled helper does not cost a spinning core
    }

    private void ForwardRange(int from, int to, ReadOnlySpan<byte> payload)
    {
        for (var i = from; i < to; i++) _downTracks[i].ForwardOrReport(_header, payload);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var helper in _helpers) helper.Stop();
    }

    private sealed class Helper
    {
        private readonly ParallelFanOut _owner;
        private readonly SemaphoreSlim _go = new(0);
        private readonly Thread _thread;
        private int _from, _to;

        public Helper(ParallelFanOut owner, int index)
        {
            _owner = owner;
            _thread = new Thread(Run) { IsBackground = true, Name = $"media-fanout-{index}" };
            _thread.Start();
        }

        public void Start(int from, int to)
        {
            _from = from;
            _to = to;
            _go.Release();
        }

        public void Stop() => _go.Release();

        private void Run()
        {
            while (true)
            {
                _go.Wait();
                if (_owner._disposed) return;
                if (_from < _to) _owner.ForwardRange(_from, _to, _owner._payload.AsSpan(0, _owner._payloadLength));
                if (Interlocked.Decrement(ref _owner._pending) == 0) _owner._done.Release();
            }
        }
    }
}
