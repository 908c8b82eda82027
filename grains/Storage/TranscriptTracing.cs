using System.Diagnostics;

namespace Engagement.Storage;

/// <summary>
/// The span of one transcript batch. A batch holds the appends of many callers, each in a trace of its own (the hub or
/// REST call that sent the message); the span continues one of them, preferably a recorded one, and links to the rest,
/// so every sender's trace reaches the INSERT that made its message durable.
/// </summary>
internal static class TranscriptTracing
{
    private static readonly ActivitySource Source = new(ActivitySourceNames.Transcript);

    /// <summary>The caller's context, captured when it queues an append (default when nothing is traced).</summary>
    public static ActivityContext CallerContext() => Activity.Current?.Context ?? default;

    /// <summary>Starts the batch's span, or returns null when nobody listens (tracing off: nothing is allocated).</summary>
    public static Activity? StartFlush(List<PendingAppend> batch)
    {
        if (!Source.HasListeners()) return null;
        var parent = default(ActivityContext);
        foreach (var pending in batch)
        {
            if (pending.Caller == default) continue;
            if (parent == default || (pending.Caller.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) && !parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)))
                parent = pending.Caller;
        }
        List<ActivityLink>? links = null;
        foreach (var pending in batch)
        {
            if (pending.Caller == default || pending.Caller.TraceId == parent.TraceId && pending.Caller.SpanId == parent.SpanId) continue;
            (links ??= []).Add(new ActivityLink(pending.Caller));
        }
        var activity = Source.StartActivity("write transcript batch", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("engagement.transcript.batch_size", batch.Count);
        return activity;
    }
}
