using System.Net;
using Engagement.Media.Tests.Fuzz;

namespace Engagement.Media.Tests.Units;

/// <summary>
/// The room's forwarding rule (<see cref="IMediaRoom.SetAudience"/>): a supervisor's whisper reaches the agent only,
/// never the visitor, until the rule is lifted (a barge); narrowing it again cuts off whoever is left out at once.
/// </summary>
public sealed class ForwardingRuleTests : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });

    [Fact]
    public async Task A_restricted_publisher_reaches_only_its_audience_until_the_rule_is_lifted()
    {
        var room = _engine.CreateRoom("r");
        room.SetAudience("supervisor", ["agent"]); // before it joins: its tracks never reach anyone else
        await room.JoinAsync("supervisor", SampleOffers.Chromium);
        var visitorOffer = Identity(SampleOffers.Chromium, "v1v1", 'v');
        await room.JoinAsync("visitor", visitorOffer);
        await room.JoinAsync("agent", Identity(SampleOffers.Chromium, "a1a1", 'a'));

        Assert.DoesNotContain(Subscribed(room, "visitor"), t => t.StartsWith("supervisor-", StringComparison.Ordinal));
        Assert.Contains("supervisor-0", Subscribed(room, "agent")); // the whisper's audio

        room.SetAudience("supervisor", null); // barge: everyone may receive it, from their next offer
        await room.RenegotiateAsync("visitor", visitorOffer);
        Assert.Contains("supervisor-0", Subscribed(room, "visitor"));

        room.SetAudience("supervisor", ["agent"]); // narrowed again: the visitor is cut off without an offer
        Assert.DoesNotContain("supervisor-0", Subscribed(room, "visitor"));
        Assert.Contains("supervisor-0", Subscribed(room, "agent"));
    }

    [Fact]
    public async Task An_empty_audience_reaches_nobody_and_other_publishers_are_not_concerned()
    {
        var room = _engine.CreateRoom("r");
        room.SetAudience("supervisor", []);
        await room.JoinAsync("visitor", Identity(SampleOffers.Chromium, "v1v1", 'v'));
        await room.JoinAsync("supervisor", SampleOffers.Chromium);
        await room.JoinAsync("agent", Identity(SampleOffers.Chromium, "a1a1", 'a'));

        Assert.Equal(["visitor-0", "visitor-1"], Subscribed(room, "agent").Order());
        Assert.Equal(["visitor-0", "visitor-1"], Subscribed(room, "supervisor").Order()); // a hidden listener still hears
        Assert.DoesNotContain(room.Participants, p => p.SubscribedTrackIds.Any(t => t.StartsWith("supervisor-", StringComparison.Ordinal)));
    }

    private static IReadOnlyList<string> Subscribed(IMediaRoom room, string participantId) =>
        room.Participants.Single(p => p.ParticipantId == participantId).SubscribedTrackIds;

    /// <summary>Another peer's offer: its own ICE credentials (the ufrag routes STUN), the same shape.</summary>
    private static string Identity(string offer, string ufrag, char pwd) =>
        offer.Replace(SdpText(offer, "a=ice-ufrag:"), ufrag).Replace(SdpText(offer, "a=ice-pwd:"), new string(pwd, 24));

    private static string SdpText(string sdp, string prefix)
    {
        var start = sdp.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        return sdp[start..sdp.IndexOf('\r', start)];
    }

    public void Dispose() => _engine.Dispose();
}
