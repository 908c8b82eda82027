using Engagement.Sessions;

namespace Engagement.UnitTests.Grains;

public class SessionLifecycleTests
{
    [Theory]
    [InlineData(SessionStatus.Requested, SessionStatus.Queued)]
    [InlineData(SessionStatus.Queued, SessionStatus.Offered)]
    [InlineData(SessionStatus.Offered, SessionStatus.Queued)]
    [InlineData(SessionStatus.Offered, SessionStatus.Active)]
    [InlineData(SessionStatus.Active, SessionStatus.WrapUp)]
    [InlineData(SessionStatus.WrapUp, SessionStatus.Closed)]
    [InlineData(SessionStatus.Active, SessionStatus.Closed)]
    [InlineData(SessionStatus.Queued, SessionStatus.Abandoned)]
    [InlineData(SessionStatus.Offered, SessionStatus.Abandoned)]
    public void The_documented_steps_are_allowed(SessionStatus from, SessionStatus to) =>
        Assert.True(SessionLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(SessionStatus.Closed, SessionStatus.Active)]
    [InlineData(SessionStatus.Abandoned, SessionStatus.Active)]
    [InlineData(SessionStatus.Abandoned, SessionStatus.Queued)]
    [InlineData(SessionStatus.Active, SessionStatus.Queued)]
    [InlineData(SessionStatus.Active, SessionStatus.Abandoned)]
    [InlineData(SessionStatus.WrapUp, SessionStatus.Active)]
    [InlineData(SessionStatus.Closed, SessionStatus.WrapUp)]
    public void Going_backwards_or_out_of_an_ended_session_is_refused(SessionStatus from, SessionStatus to)
    {
        Assert.False(SessionLifecycle.CanMove(from, to));
        var error = Assert.Throws<EngagementException>(() => SessionLifecycle.EnsureCanMove(from, to));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
    }

    [Fact]
    public void Ended_states_are_terminal()
    {
        foreach (var to in Enum.GetValues<SessionStatus>())
        {
            Assert.False(SessionLifecycle.CanMove(SessionStatus.Closed, to));
            Assert.False(SessionLifecycle.CanMove(SessionStatus.Abandoned, to));
        }
    }

    [Fact]
    public void Visitors_write_until_wrap_up_and_agents_only_once_active()
    {
        Assert.True(SessionLifecycle.VisitorMaySend(SessionStatus.Queued));
        Assert.True(SessionLifecycle.VisitorMaySend(SessionStatus.Active));
        Assert.False(SessionLifecycle.VisitorMaySend(SessionStatus.WrapUp));
        Assert.False(SessionLifecycle.VisitorMaySend(SessionStatus.Closed));
        Assert.False(SessionLifecycle.AgentMaySend(SessionStatus.Offered));
        Assert.True(SessionLifecycle.AgentMaySend(SessionStatus.Active));
        Assert.True(SessionLifecycle.AgentMaySend(SessionStatus.WrapUp));
        Assert.False(SessionLifecycle.AgentMaySend(SessionStatus.Closed));
    }
}
