namespace Engagement.Storage;

/// <summary>One queued append and the task its caller awaits.</summary>
internal sealed class PendingAppend(ChatMessage message)
{
    // Continuations run asynchronously so callers never execute on the writer's flush path.
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatMessage Message { get; } = message;
    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks): how long it waited for a batch.</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
    /// <summary>The span of the call that queued it: the batch's span continues or links to it (<see cref="TranscriptTracing"/>).</summary>
    public System.Diagnostics.ActivityContext Caller { get; } = TranscriptTracing.CallerContext();
    public Task Completion => completion.Task;
    public bool IsDone => completion.Task.IsCompleted;

    public void Succeed() => completion.TrySetResult();
    public void Fail(Exception error) => completion.TrySetException(error);
}
