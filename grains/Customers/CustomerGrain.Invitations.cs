using Engagement.Context;

namespace Engagement.Customers;

/// <summary>
/// Invitations to chat, from an agent or a proactive rule: shown on every tab of the visitor, answerable until
/// they expire. Kept in memory (they live a minute; the grain stays active while the visitor is connected).
/// Sent and answered invitations are counted by the statistics grain.
/// </summary>
internal sealed partial class CustomerGrain
{
    private const int MaxOpenInvitations = 10;
    private readonly Dictionary<string, Invitation> _invitations = new(StringComparer.Ordinal);

    private IDashboardGrain Dashboard => GrainFactory.GetDashboard();

    public Task<Invitation?> Invite(Invitation invitation)
    {
        if (invitation.CustomerId != Id) throw EngagementException.Invalid("The invitation is for another customer.");
        if (!Ids.IsValid(invitation.InvitationId)) throw EngagementException.Invalid("An invitation id is 1 to 64 letters, digits, '_' or '-'.");
        return Task.FromResult(SendInvitation(invitation));
    }

    public Task<Invitation?> AnswerInvitation(string invitationId, bool accept)
    {
        ForgetExpiredInvitations();
        if (!_invitations.Remove(invitationId, out var invitation)) return Task.FromResult<Invitation?>(null);
        Dashboard.Invitation(invitationId, accept).Ignore();
        return Task.FromResult<Invitation?>(invitation);
    }

    /// <summary>Shows the invitation on the visitor's tabs, as returned. Null when the visitor is not on the site.</summary>
    private Invitation? SendInvitation(Invitation invitation)
    {
        ForgetExpiredInvitations();
        if (_visitStart is null || _live.Count == 0 || _invitations.Count >= MaxOpenInvitations) return null;
        var latest = Now + contextOptions.Value.InvitationLifetime;
        if (invitation.ExpiresAt > latest) invitation = invitation with { ExpiresAt = latest };
        _invitations[invitation.InvitationId] = invitation;
        _live.Push(ClientEvent.Invitation(invitation));
        Dashboard.Invitation(invitation.InvitationId, null).Ignore();
        return invitation;
    }

    private void ForgetExpiredInvitations()
    {
        var now = Now;
        foreach (var id in _invitations.Where(i => i.Value.ExpiresAt <= now).Select(i => i.Key).ToList()) _invitations.Remove(id);
    }
}
