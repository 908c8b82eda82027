namespace Engagement.Customers;

/// <summary>
/// The customer's row in the contacts projection (<see cref="ContactIndex"/>): written after every state write and
/// again on activation (a silo may have died between the two, and customers from before the projection get theirs),
/// and only for customers the team has something of. The row's version is the count of state writes, so a late or
/// repeated upsert never replaces a newer row.
/// </summary>
internal sealed partial class CustomerGrain
{
    /// <summary>Writes the state, then the contacts projection (awaited: a list read right after a change finds it).</summary>
    private async Task SaveAsync()
    {
        S.Writes++;
        await state.WriteStateAsync();
        await ProjectContactAsync();
    }

    /// <summary>
    /// Identified, with attributes, sessions or conversations, or merged: a contact. An anonymous visitor who only
    /// looked around is not (the list would be mostly them).
    /// </summary>
    private bool IsContact =>
        S.Exists && (S.IsKnown || S.Attributes.Count > 0 || S.SessionIds.Count > 0 || S.ConversationIds.Count > 0 || S.MergedInto is not null);

    private Task ProjectContactAsync() => IsContact
        ? contacts.UpsertAsync(new ContactRow(Id, S.IsKnown, S.Attributes.GetValueOrDefault("name"), S.Attributes.GetValueOrDefault("email"),
            S.Attributes, S.MergedInto, S.FirstSeen, S.LastSeen, S.Writes))
        : Task.CompletedTask;
}
