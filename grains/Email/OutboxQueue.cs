using Engagement.Storage;
namespace Engagement.Email;

/// <summary>An outbound mail a silo has claimed; <paramref name="Attempt"/> is the claim's receipt.</summary>
public sealed record ClaimedMail(OutboundMail Mail, int Attempt, DateTimeOffset CreatedAt);

/// <summary>
/// The sender's side of engagement.email_outbound: claim due mails, then record each one's result under the claim's
/// receipt (the attempts count it set). A result whose receipt is stale (its lease passed and another silo claimed
/// the mail) changes nothing.
/// </summary>
public sealed class OutboxQueue(EmailDatabase database)
{
    /// <summary>Claims up to <paramref name="count"/> due mails, hiding them from other silos for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedMail>> ClaimAsync(int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            """
            UPDATE engagement.email_outbound o
            SET due_at = now() + $2, attempts = o.attempts + 1, updated_at = now()
            FROM (SELECT mail_id FROM engagement.email_outbound
                  WHERE state = 0 AND due_at <= now()
                  ORDER BY due_at LIMIT $1
                  FOR UPDATE SKIP LOCKED) due
            WHERE o.mail_id = due.mail_id
            RETURNING o.mail_id, o.conversation_id, o.from_address, o.from_name, o.to_address, o.to_name, o.subject,
                      o.text_body, o.html_body, o.in_reply_to, o.thread_references, o.reply_token, o.auto_generated,
                      o.attempts, o.created_at, o.attachments::text
            """, count, lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedMail>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var mail = new OutboundMail(
                reader.GetString(0), reader.GetString(1),
                new EmailAddress(reader.GetString(2), Text(3)), new EmailAddress(reader.GetString(4), Text(5)),
                reader.GetString(6), reader.GetString(7), Text(8), Text(9),
                reader.GetFieldValue<string[]>(10), reader.GetString(11), reader.GetBoolean(12), AttachmentJson.Read(reader, 15));
            claimed.Add(new ClaimedMail(mail, reader.GetInt32(13), reader.GetFieldValue<DateTimeOffset>(14)));
        }
        return claimed;
    }

    public Task<bool> MarkSentAsync(ClaimedMail claim, CancellationToken cancellationToken) => CompleteAsync(
        "state = 1, sent_at = now(), reason = NULL", claim, cancellationToken);

    /// <summary>A transient failure: due again after <paramref name="delay"/>, the reason kept for the status.</summary>
    public Task<bool> RetryAsync(ClaimedMail claim, TimeSpan delay, string reason, CancellationToken cancellationToken) => CompleteAsync(
        "due_at = now() + $4, reason = $3", claim, cancellationToken, reason, delay);

    public Task<bool> FailAsync(ClaimedMail claim, string reason, CancellationToken cancellationToken) => CompleteAsync(
        "state = 2, reason = $3", claim, cancellationToken, reason);

    /// <summary>
    /// Gives an unsent claim back at once (a stopping silo). The attempt still counts: receipts never repeat, so this
    /// silo can never complete a later claim by mistake.
    /// </summary>
    public Task<bool> ReleaseAsync(ClaimedMail claim, CancellationToken cancellationToken) => CompleteAsync(
        "due_at = now()", claim, cancellationToken);

    private async Task<bool> CompleteAsync(string set, ClaimedMail claim, CancellationToken cancellationToken, params object?[] more)
    {
        await using var command = database.Command(
            $"UPDATE engagement.email_outbound SET {set}, updated_at = now() WHERE mail_id = $1 AND attempts = $2 AND state = 0",
            [claim.Mail.Id, claim.Attempt, .. more]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
