using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Engagement.Faults;

/// <summary>
/// Turns infrastructure failures escaping a grain method — storage errors (Orleans wraps the provider's in an
/// OrleansException), database errors (including the transcript store's and its fence), timeouts and unreachable
/// silos — into <see cref="EngagementException"/> "unavailable", as classified by <see cref="FailureClassifier"/>.
/// Why here: a database driver's exception cannot be serialized by Orleans, so a grain on another silo than its
/// caller used to reach it as CodecNotFoundException (reported as a generic error), and callers on the same silo saw
/// raw driver exceptions. Genuine bugs pass through untouched. The original failure is logged here, where it
/// happened, since the client only gets the code.
/// </summary>
internal sealed partial class InfrastructureFailureFilter(ILogger<InfrastructureFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (ShouldTranslate(context, e))
        {
            LogUnavailable(e, context.InterfaceName, context.MethodName, context.TargetId);
            throw EngagementException.Unavailable(FailureClassifier.UnavailableMessage);
        }
    }

    private static bool ShouldTranslate(IIncomingGrainCallContext context, Exception e) =>
        // Application grains only: Orleans' own system targets and observers rely on its exception types.
        context.Grain is IGrainBase
        && e is not EngagementException
        // Orleans deactivates an activation when this escapes it (its state is stale); translating it would keep
        // the stale activation failing every write. It is Orleans' own, serializable type.
        && e is not InconsistentStateException
        && FailureClassifier.IsUnavailable(e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} on {Grain} failed for want of the infrastructure (database or silo); the caller is told 'unavailable'.")]
    private partial void LogUnavailable(Exception exception, string @interface, string method, GrainId grain);
}
