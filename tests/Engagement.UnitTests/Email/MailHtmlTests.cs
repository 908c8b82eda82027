using Engagement.Email;

namespace Engagement.UnitTests.Email;

public class MailHtmlTests
{
    [Fact]
    public void Text_becomes_encoded_paragraphs()
    {
        var html = MailHtml.Paragraphs("Hi <b>Jane</b> & co,\nline two\n\n<script>alert(1)</script>");
        Assert.Equal(
            "<p style=\"margin: 0 0 12px 0;\">Hi &lt;b&gt;Jane&lt;/b&gt; &amp; co,<br>\nline two</p>\n" +
            "<p style=\"margin: 0 0 12px 0;\">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", html);
        Assert.DoesNotContain("<script>", MailHtml.FromText("<script>alert(1)</script>"));
    }

    [Fact]
    public void Html_becomes_readable_text_without_quotes_scripts_or_styles()
    {
        const string html = """
            <html><head><title>t</title><style>p { color: red }</style></head>
            <body><div>Hello&nbsp;there,</div><p>Second   paragraph<br>next line &amp; more</p>
            <ul><li>one</li><li>two</li></ul>
            <script>var x = 1;</script>
            <blockquote>On Monday Alice wrote: old text</blockquote></body></html>
            """;
        Assert.Equal("Hello there,\nSecond paragraph\nnext line & more\n\n- one\n- two", MailHtml.ToText(html));
    }

    [Fact]
    public void Broken_html_still_gives_its_text()
    {
        Assert.Equal("unclosed bold and text", MailHtml.ToText("<b>unclosed bold <i>and text"));
    }
}
