using System.Net;
using System.Text;
using MimeKit.Text;

namespace Engagement.Email;

/// <summary>
/// Text to HTML for the HTML part of outbound mail, and HTML to text for inbound mail that has no text part.
/// Text to HTML is a few lines around <see cref="WebUtility.HtmlEncode"/> rather than MimeKit's TextToHtml so the
/// markup is ours and fixed (paragraphs and line breaks, nothing made from the text but encoded text). HTML to text
/// reads tokens with MimeKit's <see cref="HtmlTokenizer"/>, which decodes entities and copes with broken markup.
/// </summary>
public static class MailHtml
{
    private const string DocumentStart =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n" +
        "<body style=\"font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.45; color: #1f2328;\">\n";
    private const string DocumentEnd = "</body></html>\n";

    /// <summary>A whole HTML document around <paramref name="bodyFragment"/>, which must already be safe HTML.</summary>
    public static string Document(string bodyFragment) => DocumentStart + bodyFragment + DocumentEnd;

    /// <summary>The text as an HTML document: every character encoded, blank lines between paragraphs, line breaks kept.</summary>
    public static string FromText(string text) => Document(Paragraphs(text));

    /// <summary>The text as HTML paragraphs (a fragment), encoded.</summary>
    public static string Paragraphs(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p style=\"margin: 0 0 12px 0;\">");
            html.AppendJoin("<br>\n", paragraph.Split('\n').Select(WebUtility.HtmlEncode));
            html.Append("</p>\n");
        }
        return html.ToString();
    }

    /// <summary>
    /// Readable text of an HTML body: block elements become line breaks, scripts, styles and the head are dropped, and so
    /// is quoted mail inside <c>blockquote</c> (the previous message a client quotes below a reply).
    /// </summary>
    public static string ToText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipDepth = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when IsSkipped(tag.Id):
                    if (tag.IsEmptyElement) break;
                    skipDepth = Math.Max(0, skipDepth + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when skipDepth == 0 && tag.Id == HtmlTagId.Br:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when skipDepth == 0 && IsBlock(tag.Id):
                    NewLine(text, paragraph: tag.Id is HtmlTagId.P or HtmlTagId.Table && tag.IsEndTag);
                    if (tag.Id == HtmlTagId.LI && !tag.IsEndTag) text.Append("- ");
                    break;
                case HtmlDataToken data when skipDepth == 0 && token.Kind is HtmlTokenKind.Data or HtmlTokenKind.CData:
                    AppendCollapsed(text, data.Data);
                    break;
            }
        }
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim())).Trim();
    }

    private static bool IsSkipped(HtmlTagId id) =>
        id is HtmlTagId.Head or HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Title or HtmlTagId.BlockQuote;

    private static bool IsBlock(HtmlTagId id) => id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR
        or HtmlTagId.Table or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6
        or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.Pre or HtmlTagId.HR;

    /// <summary>Ends the current line (or paragraph), never adding more than one blank line.</summary>
    private static void NewLine(StringBuilder text, bool paragraph)
    {
        if (text.Length == 0) return;
        if (text[^1] != '\n') text.Append('\n');
        if (paragraph && (text.Length < 2 || text[^2] != '\n')) text.Append('\n');
    }

    /// <summary>Appends text with runs of whitespace (HTML source formatting) as one space.</summary>
    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n')) text.Append(' ');
            }
            else text.Append(c == '\u00A0' ? ' ' : c);
        }
    }
}
