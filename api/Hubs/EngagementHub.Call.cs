using Engagement.Api.Validation;

namespace Engagement.Api.Hubs;

/// <summary>
/// Audio and video in the same session, on both hubs: the visitor or the assigned agent starts a call, the
/// other answers, each side offers SDP (the node answers), mutes, turns video on or off, hangs up.
/// </summary>
public abstract partial class EngagementHub
{
    /// <summary>Escalates the active chat to a call ("audio" or "video"); the other side gets a ringing <c>call</c> event.</summary>
    public Task<CallView> StartCall(string sessionId, CallMedia media)
    {
        if (!Enum.IsDefined(media)) throw new InputException(nameof(media), "media must be 'audio' or 'video'.");
        return Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).StartCall(CurrentCaller, media);
    }

    public Task<CallView> AnswerCall(string sessionId, bool accept) =>
        Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).AnswerCall(CurrentCaller, accept);

    /// <summary>Sends this client's SDP offer and returns the node's answer (first join, renegotiation, ICE restart).</summary>
    public Task<string> CallOffer(string sessionId, string sdp) =>
        Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).CallOffer(CurrentCaller, InputRules.Sdp(sdp, nameof(sdp)));

    public Task<CallView> UpdateCallMedia(string sessionId, bool audioOn, bool videoOn) =>
        Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).UpdateCallMedia(CurrentCaller, audioOn, videoOn);

    public Task<CallView> HangUp(string sessionId) =>
        Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).HangUp(CurrentCaller);

    public Task<CallView?> GetCall(string sessionId) =>
        Grains.GetSession(InputRules.Id(sessionId, nameof(sessionId))).GetCall(CurrentCaller);
}
