using System.Net;
using Engagement.Media.Sfu;
using Engagement.Media.Tests.Fuzz;

namespace Engagement.Media.Tests.Units;

/// <summary>
/// A participant's new peer connection (a reloaded page) takes the place of its old one under the same id; what the
/// old connection reports afterwards concerns it alone. Its DTLS handshake, woken when its transport is disposed,
/// fails late on a loaded node: that failure once removed the new connection (CallTests' reloaded-page test).
/// </summary>
public sealed class RejoinTests : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });

    [Fact]
    public async Task A_late_failure_of_the_replaced_connection_leaves_the_new_one_in_the_room()
    {
        var room = (SfuRoom)_engine.CreateRoom("r");
        await room.JoinAsync("v", SampleOffers.Chromium);
        var old = room.Members.Single();
        Assert.True(room.Leave("v"));
        await room.JoinAsync("v", NegotiationTests.WithOtherIdentity(SampleOffers.Chromium));
        var current = room.Members.Single();

        old.OnFailed("DTLS: close_notify");

        Assert.Same(current, room.Members.Single());
        Assert.Equal(2, room.Participants.Single().Published.Count);
    }

    [Fact]
    public async Task The_replaced_connection_is_never_reported_connected()
    {
        var room = (SfuRoom)_engine.CreateRoom("r");
        await room.JoinAsync("v", SampleOffers.Chromium);
        var old = room.Members.Single();
        room.Leave("v");
        await room.JoinAsync("v", NegotiationTests.WithOtherIdentity(SampleOffers.Chromium));
        var events = new List<MediaRoomEvent>();
        room.Changed += (_, e) => events.Add(e);

        old.OnConnected();

        Assert.DoesNotContain(events, e => e is ParticipantConnected);
    }

    public void Dispose() => _engine.Dispose();
}
