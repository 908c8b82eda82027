using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Endpoints.Login;

/// <summary>Sign-in attempts allowed per email address, bound from "Engagement:Auth:Login".</summary>
public sealed class LoginThrottleOptions : ISettings<LoginThrottleOptions>
{
    public const string Section = "Engagement:Auth:Login";

    public int AttemptsPerWindow { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    static string ISettings<LoginThrottleOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .InRange(nameof(AttemptsPerWindow), AttemptsPerWindow, 1, int.MaxValue)
        .Positive(nameof(Window), Window);
}

/// <summary>
/// Slows password guessing against one account: at most <see cref="LoginThrottleOptions.AttemptsPerWindow"/>
/// sign-ins per email per window, on this node. Keyed by email rather than client address, so many staff
/// behind one office address (or a load test on one machine) are not locked out together.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginThrottleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.AttemptsPerWindow,
            Window = options.Value.Window,
            QueueLimit = 0,
        }));

    /// <summary>False when this email has used up its attempts for now.</summary>
    public bool TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
