namespace Engagement.Conversations;

/// <summary>
/// The staff's private notes on the conversation (docs/protocol.md, Conversations): kept in its state, so erasure
/// removes them with it, and pushed to the staff watching the inbox only. A note changes nothing the contact or the
/// inbox list sees, so it is written without a new view, index row or webhook.
/// </summary>
internal sealed partial class ConversationGrain
{
    public async Task<ConversationNote> AddNote(Caller caller, string text)
    {
        await EnsureStaffAsync(caller, "Only staff write notes.");
        text = text?.Trim() ?? "";
        if (text.Length > Limits.MessageText) throw EngagementException.TooLarge($"A note is at most {Limits.MessageText} characters.");
        if (text.Length == 0) throw EngagementException.Invalid("A note is not empty.");
        if (S.Notes.Count >= Limits.Notes) throw EngagementException.Conflict($"A conversation holds at most {Limits.Notes} notes.");
        var note = new ConversationNote(Id, caller.Id, caller.DisplayName ?? caller.Id, text, Now);
        S.Notes.Add(note);
        await state.WriteStateAsync();
        fanout.Note(S.QueueId, note);
        return note;
    }

    public async Task<ConversationNote[]> GetNotes(Caller caller)
    {
        await EnsureStaffAsync(caller, "Only staff read notes.");
        return [.. S.Notes];
    }
}
