namespace Engagement.Email;

/// <summary>
/// What inbound processing asks of the outbound mail we stored: which conversation a reply token or a Message-ID
/// belongs to, and marking a mail bounced.
/// </summary>
public sealed class SentMail(EmailDatabase database)
{
    /// <summary>
    /// The conversation an inbound mail threads into: a known token first (the strong link), then a Message-ID we sent
    /// named by In-Reply-To or References, then an unknown token; <see cref="MailThread.None"/> when nothing matches.
    /// </summary>
    public async Task<MailThread> FindThreadAsync(IEnumerable<string> recipientAddresses, IReadOnlyList<string> referencedIds,
        Func<string, bool> isOurDomain, CancellationToken cancellationToken)
    {
        var tokens = recipientAddresses
            .Where(a => MailAddresses.TrySplit(a, out _, out var domain) && isOurDomain(domain))
            .Select(MailAddresses.TokenOf).OfType<string>().Distinct().ToArray();
        if (tokens.Length > 0)
        {
            await using var byToken = database.Command(
                "SELECT reply_token, conversation_id FROM engagement.email_outbound WHERE reply_token = ANY($1) ORDER BY created_at DESC LIMIT 1",
                (object)tokens); // one text[] parameter, not one parameter per token
            await using var reader = await byToken.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) return new MailThread(MailThreadMatch.Token, reader.GetString(0), reader.GetString(1));
        }
        if (referencedIds.Count > 0)
        {
            await using var byReference = database.Command(
                """
                SELECT reply_token, conversation_id FROM engagement.email_outbound WHERE message_id = ANY($1)
                ORDER BY array_position($1, message_id) LIMIT 1
                """, (object)referencedIds.ToArray());
            await using var reader = await byReference.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) return new MailThread(MailThreadMatch.Reference, reader.GetString(0), reader.GetString(1));
        }
        return tokens.Length > 0 ? new MailThread(MailThreadMatch.UnknownToken, tokens[0], null) : MailThread.None;
    }

    /// <summary>Marks the mail a bounce names as bounced, with the diagnostic; the ids of the mails it marked.</summary>
    public async Task<IReadOnlyList<string>> MarkBouncedAsync(BounceReport bounce, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            """
            UPDATE engagement.email_outbound SET state = 3, reason = $3, updated_at = now()
            WHERE (mail_id = $1 OR message_id = ANY($2)) AND state IN (0, 1)
            RETURNING mail_id
            """, bounce.MailId, bounce.MessageIds.ToArray(), bounce.Diagnostic);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var marked = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) marked.Add(reader.GetString(0));
        return marked;
    }
}
