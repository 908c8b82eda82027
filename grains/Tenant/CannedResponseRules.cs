namespace Engagement.Tenant;

/// <summary>What a canned response may look like, and how many a tenant keeps.</summary>
public static class CannedResponseRules
{
    /// <summary>Throws <see cref="EngagementException"/> (invalid) unless acceptable; returns it trimmed, the shortcut in lower case.</summary>
    public static CannedResponse Validate(CannedResponse response)
    {
        if (!Ids.IsValid(response.Id)) throw EngagementException.Invalid("id is 1 to 64 letters, digits, '_' or '-'.");
        var shortcut = response.Shortcut?.Trim().TrimStart('/').ToLowerInvariant() ?? "";
        if (shortcut.Length > Limits.CannedShortcut) throw EngagementException.TooLarge($"shortcut is longer than {Limits.CannedShortcut} characters.");
        if (shortcut.Length == 0 || !shortcut.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw EngagementException.Invalid($"shortcut is 1 to {Limits.CannedShortcut} letters, digits, '_' or '-' (typed after '/').");
        var title = response.Title?.Trim() ?? "";
        if (title.Length > Limits.Name) throw EngagementException.TooLarge($"title is longer than {Limits.Name} characters.");
        if (title.Length == 0 || title.Any(char.IsControl))
            throw EngagementException.Invalid($"title is 1 to {Limits.Name} characters without control characters.");
        var text = response.Text?.Trim() ?? "";
        if (text.Length > Limits.MessageText) throw EngagementException.TooLarge($"text is longer than {Limits.MessageText} characters.");
        if (text.Length == 0) throw EngagementException.Invalid($"text is 1 to {Limits.MessageText} characters.");
        return new CannedResponse(response.Id, shortcut, title, text);
    }
}
