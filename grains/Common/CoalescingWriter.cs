namespace Engagement.Common;

/// <summary>
/// Serializes grain-state writes in a reentrant grain. A write requested while another is in flight
/// joins the single next write, which starts when the current one ends and therefore stores every
/// change made up to that point. Callers that await the returned task know their change is durable.
/// Runs on the grain's scheduler, so no locking is needed.
/// </summary>
internal sealed class CoalescingWriter(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _running;

    public Task WriteAsync()
    {
        if (_next is not null) return _next.Task;
        var mine = _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running) _ = PumpAsync();
        return mine.Task;
    }

    private async Task PumpAsync()
    {
        _running = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null; // changes made from here on need another write
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    batch.SetException(e);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }
}
