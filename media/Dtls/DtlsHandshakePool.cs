using System.Collections.Concurrent;

namespace Engagement.Media.Dtls;

/// <summary>
/// A fixed set of threads that run the blocking BouncyCastle DTLS handshakes (and the occasional
/// post-handshake record), so the packet thread never waits on a handshake. Bounded: when the queue
/// is full new work is refused and the peer's retransmission tries again later.
/// </summary>
internal sealed class DtlsHandshakePool : IDisposable
{
    private readonly BlockingCollection<Action> _work;
    private readonly Thread[] _threads;
    private readonly int _capacity;

    public DtlsHandshakePool(int threads, int queueCapacity, DtlsTelemetry telemetry)
    {
        Telemetry = telemetry;
        _capacity = queueCapacity;
        _work = new BlockingCollection<Action>(queueCapacity);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"dtls-handshake-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>The node's DTLS log and counters; the sessions that run here report to them.</summary>
    public DtlsTelemetry Telemetry { get; }

    public bool TrySubmit(Action work)
    {
        if (_work.IsAddingCompleted) return false;
        if (_work.TryAdd(work)) return true;
        Telemetry.PoolFull(_capacity);
        return false;
    }

    private void Run()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                // Each job reports its own failure, so this is a bug; it must not take a pool thread down.
                Telemetry.PoolJobFailed(e);
            }
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(2));
    }
}
