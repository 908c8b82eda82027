namespace Engagement.Api.Validation;

/// <summary>A visitor's rating as the API accepts it.</summary>
public sealed record RatingInput(int Csat, int? Nps, string? Comment);

/// <summary>Input rules for ratings (the session grain checks them again).</summary>
public static class FeedbackRules
{
    /// <summary>CSAT 1–5, NPS 0–10 or null, a comment of at most 1,000 characters (line breaks allowed), blank = none.</summary>
    public static RatingInput Rating(int csat, int? nps, string? comment)
    {
        if (csat is < Limits.CsatMin or > Limits.CsatMax) throw new InputException("csat", $"csat must be {Limits.CsatMin} to {Limits.CsatMax}.");
        if (nps is < Limits.NpsMin or > Limits.NpsMax) throw new InputException("nps", $"nps must be {Limits.NpsMin} to {Limits.NpsMax}, or null.");
        var trimmed = comment?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return new RatingInput(csat, nps, null);
        if (trimmed.Length > Limits.Comment) throw InputException.TooLarge("comment", $"comment is longer than {Limits.Comment} characters.");
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new InputException("comment", "comment contains control characters.");
        return new RatingInput(csat, nps, trimmed);
    }
}
