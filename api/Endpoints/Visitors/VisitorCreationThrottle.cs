using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Endpoints.Visitors;

/// <summary>New anonymous visitors allowed per client address, bound from "Engagement:Visitors:Creation".</summary>
public sealed class VisitorCreationOptions : ISettings<VisitorCreationOptions>
{
    public const string Section = "Engagement:Visitors:Creation";

    /// <summary>Sustained rate per address; 0 turns the limit off (load tests from one machine).</summary>
    public int PerMinute { get; set; } = 60;

    /// <summary>How many an address may create at once before the rate applies (a building behind one NAT).</summary>
    public int Burst { get; set; } = 120;

    static string ISettings<VisitorCreationOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .InRange(nameof(PerMinute), PerMinute, 0, 60_000_000)
        .InRange(nameof(Burst), Burst, 1, int.MaxValue);
}

/// <summary>
/// Keeps one client from filling the store with anonymous customers: <c>POST /api/visitors</c> is the only
/// unauthenticated call that writes. A token bucket per client address (behind a proxy, enable forwarded
/// headers so the address is the visitor's: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), on this node.
/// </summary>
public sealed class VisitorCreationThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public VisitorCreationThrottle(IOptions<VisitorCreationOptions> options)
    {
        var o = options.Value;
        if (o.PerMinute <= 0) return;
        _limiter = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, o.Burst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / o.PerMinute,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>False when this address has used up its allowance for now.</summary>
    public bool TryCreate(IPAddress? address)
    {
        if (_limiter is null) return true;
        using var lease = _limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}
