namespace Engagement.Api.Validation;

/// <summary>
/// Checks and normalizes client input before it reaches a grain. Every rule throws
/// <see cref="InputException"/> with a message that names the field and the limit: <c>too_large</c> for a value
/// over its size limit (<see cref="Limits"/>, lengths in UTF-16 code units), <c>invalid</c> for anything else.
/// </summary>
public static class InputRules
{
    /// <summary>An id: 1..64 characters of A-Z a-z 0-9 _ -.</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InputException(field, $"{field} is required.");
        }

        if (value.Length > Limits.Id)
        {
            throw InputException.TooLarge(field, $"{field} is longer than {Limits.Id} characters.");
        }

        if (!Ids.IsValid(value))
        {
            throw new InputException(field, $"{field} must be 1 to {Limits.Id} characters of A-Z, a-z, 0-9, '_' or '-'.");
        }

        return value;
    }

    /// <summary>Message text: trimmed, then 1..4,000 characters.</summary>
    public static string MessageText(string? text, string field = "text")
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InputException(field, $"{field} is empty.");
        }

        if (trimmed.Length > Limits.MessageText)
        {
            throw InputException.TooLarge(field, $"{field} is longer than {Limits.MessageText} characters.");
        }

        return trimmed;
    }

    /// <summary>An optional client message id: null, or 1..64 characters without control characters.</summary>
    public static string? ClientMessageId(string? value, string field = "clientMessageId")
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.ClientMessageId)
        {
            throw InputException.TooLarge(field, $"{field} is longer than {Limits.ClientMessageId} characters.");
        }

        if (value.Length == 0 || HasControl(value))
        {
            throw new InputException(field, $"{field} must be 1 to {Limits.ClientMessageId} characters without control characters.");
        }

        return value;
    }

    /// <summary>Optional free text (a page title, a topic): trimmed, null when blank, at most <paramref name="max"/> characters.</summary>
    public static string? OptionalText(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            throw InputException.TooLarge(field, $"{field} is longer than {max} characters.");
        }

        if (HasControl(trimmed))
        {
            throw new InputException(field, $"{field} contains control characters.");
        }

        return trimmed;
    }

    /// <summary>Required free text: like <see cref="OptionalText"/> but must not be blank.</summary>
    public static string RequiredText(string? value, int max, string field) =>
        OptionalText(value, max, field) ?? throw new InputException(field, $"{field} is required.");

    /// <summary>An email address (name@example.com), trimmed, at most <see cref="Limits.Email"/>.</summary>
    public static string Email(string? email, string field = "email")
    {
        var trimmed = RequiredText(email, Limits.Email, field);
        if (!EmailAddresses.IsValid(trimmed))
        {
            throw new InputException(field, $"{field} is not a valid address (name@example.com).");
        }

        return trimmed;
    }

    /// <summary>An SDP offer: lines end in CRLF (or LF), no other control characters, at most <see cref="Limits.Sdp"/>.</summary>
    public static string Sdp(string? value, string field = "sdp")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InputException(field, $"{field} is required.");
        }

        if (value.Length > Limits.Sdp)
        {
            throw InputException.TooLarge(field, $"{field} is longer than {Limits.Sdp} characters.");
        }

        if (value.Any(c => char.IsControl(c) && c is not '\r' and not '\n'))
        {
            throw new InputException(field, $"{field} contains control characters other than line ends.");
        }

        return value;
    }

    /// <summary>A list of ids (skills, queues): each a valid id, no more than <paramref name="max"/>, duplicates removed.</summary>
    public static string[] IdList(IEnumerable<string?>? values, int max, string field)
    {
        if (values is null)
        {
            return [];
        }

        var result = new List<string>();
        if (values.TryGetNonEnumeratedCount(out var count) && count > max)
        {
            throw InputException.TooLarge(field, $"{field} has more than {max} entries.");
        }

        foreach (var value in values)
        {
            var id = Id(value, $"{field}[]");
            if (!result.Contains(id, StringComparer.Ordinal))
            {
                result.Add(id);
            }
        }

        if (result.Count > max)
        {
            throw InputException.TooLarge(field, $"{field} has more than {max} entries.");
        }

        return [.. result];
    }

    /// <summary>A message that carries files: trimmed text of 0..4,000 characters (empty allowed, the files say it), and 1..10 attachment ids.</summary>
    public static (string Text, string[] AttachmentIds) MessageWithFiles(string? text, IEnumerable<string?>? attachmentIds, string field = "attachmentIds")
    {
        var ids = IdList(attachmentIds, Limits.AttachmentsPerMessage, field);
        if (ids.Length == 0) throw new InputException(field, $"{field} must name 1 to {Limits.AttachmentsPerMessage} attachments.");
        var trimmed = text?.Trim() ?? "";
        return (trimmed.Length == 0 ? "" : MessageText(trimmed), ids);
    }

    /// <summary>Attributes: at most 50 keys of 1..64 characters, values of at most 1,000 characters; no nulls.</summary>
    public static Dictionary<string, string> Attributes(IReadOnlyDictionary<string, string?>? attributes, string field = "attributes")
    {
        if (attributes is null)
        {
            return [];
        }

        if (attributes.Count > Limits.Attributes)
        {
            throw InputException.TooLarge(field, $"{field} has more than {Limits.Attributes} keys.");
        }

        var result = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (key.Length > Limits.AttributeKey)
            {
                throw InputException.TooLarge(field, $"{field} keys are at most {Limits.AttributeKey} characters.");
            }

            if (key.Length == 0 || HasControl(key))
            {
                throw new InputException(field, $"{field} keys must be 1 to {Limits.AttributeKey} characters without control characters.");
            }

            if (value is null)
            {
                throw new InputException(field, $"{field}['{key}'] is null; send a string.");
            }

            if (value.Length > Limits.AttributeValue)
            {
                throw InputException.TooLarge(field, $"{field}['{key}'] is longer than {Limits.AttributeValue} characters.");
            }

            result[key] = value;
        }

        return result;
    }

    /// <summary>A sequence number to read after: 0 (from the start) or more.</summary>
    public static long AfterSeq(long afterSeq, string field = "afterSeq") =>
        afterSeq >= 0 ? afterSeq : throw new InputException(field, $"{field} must be 0 or more.");

    /// <summary>A page size: 1..200.</summary>
    public static int Limit(int limit, string field = "limit") =>
        limit is >= 1 and <= Limits.TranscriptPage
            ? limit
            : throw new InputException(field, $"{field} must be between 1 and {Limits.TranscriptPage}.");

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
