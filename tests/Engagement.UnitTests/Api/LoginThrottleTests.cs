using Engagement.Api.Endpoints.Login;
using Microsoft.Extensions.Options;

namespace Engagement.UnitTests.Api;

public class LoginThrottleTests
{
    private static LoginThrottle Throttle(int attempts) =>
        new(Options.Create(new LoginThrottleOptions { AttemptsPerWindow = attempts, Window = TimeSpan.FromHours(1) }));

    [Fact]
    public void An_email_gets_its_attempts_then_is_refused()
    {
        using var throttle = Throttle(3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(throttle.TryAttempt("ada@example.com")));
        Assert.False(throttle.TryAttempt("ada@example.com"));
    }

    [Fact]
    public void The_count_ignores_case_and_other_emails_are_unaffected()
    {
        using var throttle = Throttle(1);

        Assert.True(throttle.TryAttempt("ada@example.com"));
        Assert.False(throttle.TryAttempt("ADA@example.com"));
        Assert.True(throttle.TryAttempt("bob@example.com"));
    }
}
