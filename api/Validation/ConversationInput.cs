namespace Engagement.Api.Validation;

/// <summary>Input rules of the conversation calls (labels, statuses), on top of <see cref="InputRules"/>.</summary>
public static class ConversationInput
{
    /// <summary>Labels: each 1–32 of a–z 0–9 '-' '_' after lower-casing, at most <see cref="Limits.Labels"/>, duplicates removed.</summary>
    public static string[] Labels(IEnumerable<string?>? labels, string field = "labels")
    {
        if (labels is null) throw new InputException(field, $"{field} is required (an empty list removes every label).");
        var result = new List<string>();
        foreach (var raw in labels)
        {
            var label = raw?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(label)) throw new InputException(field, "A label is empty.");
            if (label.Length > Limits.Label) throw InputException.TooLarge(field, $"A label is longer than {Limits.Label} characters.");
            if (!label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
                throw new InputException(field, $"A label is 1 to {Limits.Label} of a-z, 0-9, '-' or '_' ('{label}' is not).");
            if (!result.Contains(label)) result.Add(label);
        }
        if (result.Count > Limits.Labels) throw InputException.TooLarge(field, $"{field} holds more than {Limits.Labels} labels.");
        return [.. result];
    }

    /// <summary>One label as a filter.</summary>
    public static string Label(string value, string field = "label") => Labels([value], field)[0];
}
