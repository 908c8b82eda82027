namespace Engagement.Boards;

/// <summary>What a canned response may look like, and how many a tenant keeps.</summary>
public static class CannedResponseRules
{
    public const int MaxResponses = 500;
    public const int ShortcutMax = 32;
    public const int TitleMax = 100;
    public const int TextMax = 4_000;

    /// <summary>Throws <see cref="EngagementException"/> (invalid) unless acceptable; returns it trimmed, the shortcut in lower case.</summary>
    public static CannedResponse Validate(CannedResponse response)
    {
        if (!Ids.IsValid(response.Id)) throw EngagementException.Invalid("id is 1 to 64 letters, digits, '_' or '-'.");
        var shortcut = response.Shortcut?.Trim().TrimStart('/').ToLowerInvariant() ?? "";
        if (shortcut.Length is 0 or > ShortcutMax || !shortcut.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw EngagementException.Invalid($"shortcut is 1 to {ShortcutMax} letters, digits, '_' or '-' (typed after '/').");
        var title = response.Title?.Trim() ?? "";
        if (title.Length is 0 or > TitleMax || title.Any(char.IsControl))
            throw EngagementException.Invalid($"title is 1 to {TitleMax} characters without control characters.");
        var text = response.Text?.Trim() ?? "";
        if (text.Length is 0 or > TextMax) throw EngagementException.Invalid($"text is 1 to {TextMax} characters.");
        return new CannedResponse(response.Id, shortcut, title, text);
    }
}
