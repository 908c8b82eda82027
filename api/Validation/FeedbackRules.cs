namespace Engagement.Api.Validation;

/// <summary>A visitor's rating as the API accepts it.</summary>
public sealed record RatingInput(int Csat, int? Nps, string? Comment);

/// <summary>Input rules for ratings (the session grain checks them again).</summary>
public static class FeedbackRules
{
    public const int CommentMax = 1_000;

    /// <summary>CSAT 1–5, NPS 0–10 or null, a comment of at most 1,000 characters (line breaks allowed), blank = none.</summary>
    public static RatingInput Rating(int csat, int? nps, string? comment)
    {
        if (csat is < 1 or > 5) throw new InputException("csat", "csat must be 1 to 5.");
        if (nps is < 0 or > 10) throw new InputException("nps", "nps must be 0 to 10, or null.");
        var trimmed = comment?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return new RatingInput(csat, nps, null);
        if (trimmed.Length > CommentMax) throw new InputException("comment", $"comment is longer than {CommentMax} characters.");
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new InputException("comment", "comment contains control characters.");
        return new RatingInput(csat, nps, trimmed);
    }
}
