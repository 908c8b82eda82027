using Engagement.SiteVisitors;

namespace Engagement.UnitTests.Context;

public class SiteVisitorBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SiteVisitor Visitor(string id, long version, string page = "/") =>
        new(id, null, false, CustomerPresence.Online, page, null, T0, T0, false, version);

    [Fact]
    public void Changes_are_batched_until_taken_and_the_latest_version_wins()
    {
        var board = new SiteVisitorBoard(TimeSpan.FromMinutes(3));
        Assert.True(board.Changed(Visitor("a", 1, "/one"), T0));
        Assert.True(board.Changed(Visitor("a", 3, "/three"), T0));
        Assert.False(board.Changed(Visitor("a", 2, "/two"), T0)); // overtaken
        Assert.True(board.Changed(Visitor("b", 1), T0));

        var (changed, left) = board.TakePending();
        Assert.Equal(["a:/three", "b:/"], changed.Select(v => $"{v.CustomerId}:{v.CurrentPage}").Order());
        Assert.Empty(left);
        Assert.False(board.HasPending);
    }

    [Fact]
    public void A_late_report_from_before_a_departure_does_not_bring_the_visitor_back()
    {
        var board = new SiteVisitorBoard(TimeSpan.FromMinutes(3));
        board.Changed(Visitor("a", 1), T0);
        Assert.True(board.Left("a", 2, T0));
        Assert.False(board.Changed(Visitor("a", 1), T0));
        Assert.Empty(board.Snapshot());
        Assert.True(board.Changed(Visitor("a", 3), T0)); // a new arrival
        Assert.Single(board.Snapshot());
    }

    [Fact]
    public void A_departure_overtaken_by_a_newer_arrival_is_ignored_and_a_refresh_is_not_news()
    {
        var board = new SiteVisitorBoard(TimeSpan.FromMinutes(3));
        board.Changed(Visitor("a", 5), T0);
        board.TakePending();
        Assert.False(board.Left("a", 4, T0));
        Assert.False(board.Changed(Visitor("a", 5), T0.AddMinutes(1)));
        Assert.False(board.HasPending);
    }

    [Fact]
    public void Visitors_not_heard_from_within_the_expiry_are_reported_as_left()
    {
        var board = new SiteVisitorBoard(TimeSpan.FromMinutes(3));
        board.Changed(Visitor("quiet", 1), T0);
        board.Changed(Visitor("refreshed", 1), T0);
        board.TakePending();
        board.Changed(Visitor("refreshed", 1), T0.AddMinutes(2));

        board.Expire(T0.AddMinutes(4));
        var (_, left) = board.TakePending();
        Assert.Equal("quiet", Assert.Single(left).CustomerId);
        Assert.Equal("refreshed", Assert.Single(board.Snapshot()).CustomerId);
    }
}
