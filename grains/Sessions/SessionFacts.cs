using Engagement.Common;
using Engagement.Reports;
using Microsoft.Extensions.Logging;

namespace Engagement.Sessions;

/// <summary>
/// The session's durable fact for historical reports (<see cref="SessionFact"/>, engagement.session_fact): the whole row,
/// written when a fact becomes known (queued, answered, the first agent reply, abandoned, closed, rated) and once per
/// activation, which repairs a write that was lost and brings in sessions from before the table.
/// </summary>
/// <remarks>
/// Off the chat path: <see cref="Changed"/> returns at once and no message waits for it. Writes coalesce and run one at
/// a time (<see cref="CoalescingWriter"/>), each with the state as it is when it starts. A failed write must not fail
/// the chat, so it is retried a few times (1 s, 5 s, 30 s, the grain's other calls going on meanwhile), then logged and
/// given up: the session's next change or activation writes the whole row again.
/// </remarks>
internal sealed partial class SessionFacts
{
    private static readonly TimeSpan[] RetryAfter = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    private readonly SessionCore _core;
    private readonly SessionFactStore _store;
    private readonly ILogger _logger;
    private readonly CoalescingWriter _writer;
    private TimeSpan? _slaTarget;

    public SessionFacts(SessionCore core, SessionFactStore store, ILogger logger)
    {
        (_core, _store, _logger) = (core, store, logger);
        _writer = new CoalescingWriter(WriteAsync);
    }

    /// <summary>A fact may have changed: the row is written soon, not awaited (a failed write never faults this).</summary>
    public void Changed()
    {
        if (_core.S.Exists) _ = _writer.WriteAsync();
    }

    private async Task WriteAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var slaTarget = _slaTarget ??= await SlaTargetAsync();
                await _store.UpsertAsync(SessionFact.Of(_core.Id, _core.S, slaTarget, _core.Now));
                return;
            }
            catch (Exception e) when (attempt < RetryAfter.Length)
            {
                LogRetrying(_logger, e, _core.Id, RetryAfter[attempt]);
                await Task.Delay(RetryAfter[attempt]);
            }
            catch (Exception e)
            {
                LogGivenUp(_logger, e, _core.Id);
                return;
            }
        }
    }

    /// <summary>The queue's SLA target now, as the queue judges its own answers; the default for a queue that is gone.</summary>
    private async Task<TimeSpan> SlaTargetAsync() =>
        (await _core.Grains.GetQueue(_core.S.QueueId).GetDefinition())?.SlaTarget ?? QueueDefinition.DefaultSlaTarget;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: writing its report fact failed; retrying in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string sessionId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: writing its report fact failed again; it is written with the session's next change or activation.")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, string sessionId);
}
