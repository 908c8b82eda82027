using System.Collections.Immutable;
using System.Net;
using Engagement.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.UnitTests.Realtime;

/// <summary>When an agent's or customer's liveness check can next find something (<see cref="Listeners{TTag}.NextCheckAt"/>).</summary>
public class ListenersScheduleTests
{
    private static readonly PresenceOptions Options = new()
    {
        HeartbeatInterval = TimeSpan.FromSeconds(10),
        ConnectionTimeout = TimeSpan.FromSeconds(35),
        DisconnectGrace = TimeSpan.FromSeconds(5),
    };

    private static readonly SiloAddress Silo = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-03T12:00:00Z"));
    private readonly Listeners<bool> _live;

    public ListenersScheduleTests() =>
        _live = new(new ClientPush(null!, new OneSilo(), _clock, NullLogger<ClientPush>.Instance), Options, _clock);

    private static ConnectionRef Connection(string id) => new(id, HubKind.Visitor, null!, Silo);

    [Fact]
    public void Nothing_is_due_without_connections_or_grace()
    {
        Assert.Null(_live.NextCheckAt);
    }

    [Fact]
    public void The_earliest_lease_to_lapse_is_due_and_a_renewal_moves_it()
    {
        var start = _clock.GetUtcNow();
        _live.Add(Connection("a"), true);
        _clock.Advance(TimeSpan.FromSeconds(3));
        _live.Add(Connection("b"), true);
        Assert.Equal(start + Options.ConnectionTimeout, _live.NextCheckAt);

        _clock.Advance(TimeSpan.FromSeconds(7));
        _live.Renew(Connection("a"), true);
        Assert.Equal(start + TimeSpan.FromSeconds(3) + Options.ConnectionTimeout, _live.NextCheckAt);
    }

    [Fact]
    public void After_the_last_clean_close_the_end_of_the_grace_is_due_and_then_nothing()
    {
        _live.Add(Connection("a"), true);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var closedAt = _clock.GetUtcNow();
        _live.Remove("a");
        Assert.True(_live.Online);
        Assert.Equal(closedAt + Options.DisconnectGrace, _live.NextCheckAt);

        _clock.Advance(Options.DisconnectGrace);
        Assert.False(_live.Online);
        Assert.Null(_live.NextCheckAt);
    }

    [Fact]
    public void A_lapsed_lease_is_expired_when_its_check_comes()
    {
        _live.Add(Connection("a"), true);
        _clock.Advance(Options.ConnectionTimeout + TimeSpan.FromMilliseconds(1));
        Assert.True(_live.NextCheckAt <= _clock.GetUtcNow());
        Assert.Equal(1, _live.Expire());
        Assert.False(_live.Online); // a lapsed lease gets no grace
        Assert.Null(_live.NextCheckAt);
    }

    /// <summary>A membership view in which the test's one silo is active.</summary>
    private sealed class OneSilo : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty.Add(Silo, new ClusterMember(Silo, SiloStatus.Active, "test")),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();
        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
