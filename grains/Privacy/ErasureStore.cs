using Engagement.Attachments;
using Npgsql;

namespace Engagement.Privacy;

/// <summary>
/// The rows about a contact outside grain state, deleted when the contact is erased (docs/protocol.md, Erasure):
/// transcripts with their attachments (catalog rows and bytes), the inbox's index, the contacts list, mail in and out, and the webhook
/// deliveries that carry their data. Grain state goes
/// through the grains themselves (<c>ClearStateAsync</c> deletes the row: <c>DeleteStateOnClear</c>).
/// </summary>
public sealed class ErasureStore(NpgsqlDataSource dataSource, AttachmentCatalog attachments, IAttachmentStore store)
{
    /// <summary>
    /// One transcript (a session's, or a conversation's own), the files uploaded into it, and the webhook deliveries
    /// about it: message.created rows point at its messages; rated and conversation events carry ids that start with the
    /// transcript's id. <c>OtherRows</c> counts the deliveries and the files.
    /// </summary>
    public async Task<(long Messages, long OtherRows)> DeleteTranscriptAsync(string threadId)
    {
        var files = await attachments.DeleteScopeAsync(threadId, store);
        var messages = await ExecuteAsync("DELETE FROM engagement.session_message WHERE session_id = $1", threadId);
        var deliveries = await ExecuteAsync(
            "DELETE FROM engagement.webhook_delivery WHERE session_id = $1 OR starts_with(event_id, $1 || ':')", threadId);
        // The reports keep counting the session, under an id that leads nowhere: its figures name no one.
        var facts = await ExecuteAsync(
            "UPDATE engagement.session_fact SET session_id = 'erased_' || replace(gen_random_uuid()::text, '-', '') WHERE session_id = $1", threadId);
        return (messages, deliveries + files + facts);
    }

    /// <summary>A conversation's rows: the inbox's index, which transcripts were its, and its mail both ways.</summary>
    public async Task<long> DeleteConversationRowsAsync(string conversationId) =>
        await ExecuteAsync("DELETE FROM engagement.conversation WHERE conversation_id = $1", conversationId)
        + await ExecuteAsync("DELETE FROM engagement.conversation_thread WHERE conversation_id = $1", conversationId)
        + await ExecuteAsync("DELETE FROM engagement.email_outbound WHERE conversation_id = $1", conversationId)
        + await ExecuteAsync("DELETE FROM engagement.email_inbound WHERE conversation_id = $1", conversationId);

    /// <summary>The contact's row in the contacts list (engagement.contact).</summary>
    public Task<long> DeleteContactRowAsync(string contactId) =>
        ExecuteAsync("DELETE FROM engagement.contact WHERE contact_id = $1", contactId);

    /// <summary>Mail the address sent that became no conversation (refused, ignored, bounced, malformed).</summary>
    public Task<long> DeleteMailFromAsync(string address) =>
        ExecuteAsync("DELETE FROM engagement.email_inbound WHERE lower(envelope_from) = lower($1)", address);

    private async Task<long> ExecuteAsync(string sql, string value)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        return await command.ExecuteNonQueryAsync();
    }
}
