namespace Engagement.Media.Tests;

/// <summary>Hex as RFCs print it (spaces and line breaks allowed) to bytes.</summary>
internal static class Hex
{
    public static byte[] Parse(string text)
    {
        var digits = new string(text.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(digits);
    }
}
