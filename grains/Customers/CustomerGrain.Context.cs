namespace Engagement.Customers;

/// <summary>Live context, history and invitations. Being built for issue 4 on the `context` branch.</summary>
internal sealed partial class CustomerGrain
{
    public Task<CustomerContext> GetContext() => throw new NotSupportedException("Live context arrives with issue 4.");

    public Task<HistoryEntry[]> GetHistory() => throw new NotSupportedException("Customer history arrives with issue 4.");

    public Task<bool> Invite(Invitation invitation) => throw new NotSupportedException("Invitations arrive with issue 4.");

    public Task<Invitation?> AnswerInvitation(string invitationId, bool accept) => throw new NotSupportedException("Invitations arrive with issue 4.");
}
