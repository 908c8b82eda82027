using System.Security.Cryptography;
using System.Text;

namespace Engagement.Email;

/// <summary>What became of a stored inbound mail.</summary>
public enum InboundDisposition
{
    /// <summary>Stored, not processed yet (or waiting for a retry after the handler failed).</summary>
    Pending = 0,
    /// <summary>Handed to the <see cref="IInboundMailHandler"/>; the result is its <see cref="InboundMailResult"/>.</summary>
    Handled = 1,
    /// <summary>A delivery status notification (or other mail to the null reverse-path); never answered.</summary>
    Bounce = 2,
    /// <summary>An auto-reply, a list or bulk mail, or a loop; never answered.</summary>
    Ignored = 3,
    /// <summary>Could not be read as a mail; the raw message is kept.</summary>
    Malformed = 4,
}

/// <summary>A stored inbound mail a silo has claimed; <paramref name="Attempt"/> is the claim's receipt.</summary>
public sealed record StoredMail(long RawId, int Attempt, string EnvelopeFrom, string[] EnvelopeTo, byte[] Raw, DateTimeOffset ReceivedAt);

/// <summary>A stored inbound mail's row, less the raw bytes.</summary>
public sealed record InboundMailRecord(
    long RawId, DateTimeOffset ReceivedAt, string EnvelopeFrom, string[] EnvelopeTo, int Size, InboundDisposition Disposition,
    string? Result, string? ConversationId, string? Detail, string? LastError, int Attempts, DateTimeOffset? ProcessedAt);

/// <summary>
/// engagement.email_inbound: the listener stores raw mail here before answering 250; processors claim it (SKIP LOCKED,
/// under a lease) and record the outcome under the claim's receipt, as <see cref="OutboxQueue"/> does.
/// </summary>
public sealed class InboundStore(EmailDatabase database)
{
    /// <summary>Stores one received message; a byte-identical resend to the same recipients returns the first one's id.</summary>
    public async Task<(long RawId, bool Duplicate)> StoreAsync(
        string envelopeFrom, string[] envelopeTo, string? remoteAddress, byte[] raw, CancellationToken cancellationToken)
    {
        var digest = Digest(envelopeTo, raw);
        await using (var insert = database.Command(
            """
            INSERT INTO engagement.email_inbound (envelope_from, envelope_to, remote_address, raw, raw_sha256, size)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (raw_sha256) DO NOTHING
            RETURNING raw_id
            """, envelopeFrom, envelopeTo, remoteAddress, raw, digest, raw.Length))
        {
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id) return (id, false);
        }
        await using var existing = database.Command("SELECT raw_id FROM engagement.email_inbound WHERE raw_sha256 = $1", digest);
        return ((long)(await existing.ExecuteScalarAsync(cancellationToken))!, true);
    }

    public async Task<IReadOnlyList<StoredMail>> ClaimAsync(int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            """
            UPDATE engagement.email_inbound i
            SET due_at = now() + $2, attempts = i.attempts + 1
            FROM (SELECT raw_id FROM engagement.email_inbound
                  WHERE disposition = 0 AND due_at <= now()
                  ORDER BY due_at LIMIT $1
                  FOR UPDATE SKIP LOCKED) due
            WHERE i.raw_id = due.raw_id
            RETURNING i.raw_id, i.attempts, i.envelope_from, i.envelope_to, i.raw, i.received_at
            """, count, lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<StoredMail>();
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new StoredMail(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        return claimed;
    }

    /// <summary>Records the outcome; false when the claim had lapsed and another silo holds the mail.</summary>
    public Task<bool> CompleteAsync(StoredMail claim, InboundDisposition disposition, string result, string? conversationId, string? detail,
        CancellationToken cancellationToken) => UpdateAsync(
        "disposition = $3, result = $4, conversation_id = $5, detail = $6, last_error = NULL, processed_at = now()",
        claim, cancellationToken, (short)disposition, result, conversationId, detail);

    /// <summary>The handler failed: the mail stays pending, due again after <paramref name="delay"/>, with the error kept.</summary>
    public Task<bool> RetryAsync(StoredMail claim, TimeSpan delay, string error, CancellationToken cancellationToken) => UpdateAsync(
        "due_at = now() + $3, last_error = $4", claim, cancellationToken, delay, error);

    /// <summary>Gives a claim back at once (a stopping silo); the attempt still counts, so receipts never repeat.</summary>
    public Task<bool> ReleaseAsync(StoredMail claim, CancellationToken cancellationToken) => UpdateAsync("due_at = now()", claim, cancellationToken);

    public async Task<InboundMailRecord?> GetAsync(long rawId, CancellationToken cancellationToken = default)
    {
        await using var command = database.Command(
            """
            SELECT raw_id, received_at, envelope_from, envelope_to, size, disposition, result, conversation_id, detail, last_error,
                   attempts, processed_at
            FROM engagement.email_inbound WHERE raw_id = $1
            """, rawId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new InboundMailRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
            reader.GetFieldValue<string[]>(3), reader.GetInt32(4), (InboundDisposition)reader.GetInt16(5), Text(6), Text(7), Text(8), Text(9),
            reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));
    }

    private async Task<bool> UpdateAsync(string set, StoredMail claim, CancellationToken cancellationToken, params object?[] more)
    {
        await using var command = database.Command(
            $"UPDATE engagement.email_inbound SET {set} WHERE raw_id = $1 AND attempts = $2 AND disposition = 0",
            [claim.RawId, claim.Attempt, .. more]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static byte[] Digest(string[] envelopeTo, byte[] raw)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', envelopeTo.Order(StringComparer.OrdinalIgnoreCase)) + "\n\n"));
        hash.AppendData(raw);
        return hash.GetHashAndReset();
    }
}
