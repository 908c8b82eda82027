using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Context.Rules;

/// <summary>
/// This silo's copy of the proactive rules, so every customer grain evaluating a page view does not call the
/// single rules grain. A read of a copy older than <see cref="ContextOptions.RulesRefresh"/> waits for one
/// shared fetch (a visitor arriving just after a change sees the new rules; dwell rules are scheduled on
/// arrival). The fetch runs on the thread pool, outside any grain's scheduler, because every grain that asks
/// meanwhile awaits the same task. If the rules grain cannot answer, the previous copy is used.
/// </summary>
public sealed partial class ProactiveRulesCache(
    IGrainFactory grains, IOptions<ContextOptions> options, TimeProvider clock, ILogger<ProactiveRulesCache> logger)
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private ProactiveRule[] _rules = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private Task<ProactiveRule[]>? _refresh;

    public async ValueTask<ProactiveRule[]> GetAsync()
    {
        Task<ProactiveRule[]> refresh;
        lock (_lock)
        {
            if (clock.GetUtcNow() - _fetchedAt < options.Value.RulesRefresh) return _rules;
            refresh = _refresh ??= Task.Run(RefreshAsync);
        }
        return await refresh;
    }

    private async Task<ProactiveRule[]> RefreshAsync()
    {
        try
        {
            var rules = await grains.GetProactiveRules().GetRules();
            lock (_lock) (_rules, _fetchedAt) = (rules, clock.GetUtcNow());
            return rules;
        }
        catch (Exception ex)
        {
            LogRefreshFailed(ex);
            lock (_lock) _fetchedAt = clock.GetUtcNow() - options.Value.RulesRefresh + RetryAfterFailure;
            return _rules;
        }
        finally
        {
            lock (_lock) _refresh = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the proactive rules; using the previous ones.")]
    private partial void LogRefreshFailed(Exception exception);
}
