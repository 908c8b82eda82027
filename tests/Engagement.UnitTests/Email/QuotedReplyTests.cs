using Engagement.Email;

namespace Engagement.UnitTests.Email;

public class QuotedReplyTests
{
    [Fact]
    public void Gmail_attribution_and_quote_are_cut()
    {
        const string text = "Yes, Tuesday works.\n\nOn Mon, 3 Feb 2025 at 10:00, Alice <help@support.example.com> wrote:\n> When can we call?\n> Alice\n";
        Assert.Equal("Yes, Tuesday works.", QuotedReply.Strip(text));
    }

    [Fact]
    public void A_wrapped_attribution_is_cut()
    {
        const string text = "Thanks!\n\nOn Mon, 3 Feb 2025 at 10:00, Alice from Support\n<help+abcdefgh2345@support.example.com> wrote:\n\n> Here you go\n";
        Assert.Equal("Thanks!", QuotedReply.Strip(text));
    }

    [Fact]
    public void Outlook_header_block_and_separators_are_cut()
    {
        Assert.Equal("See below.", QuotedReply.Strip("See below.\r\n\r\nFrom: Alice <help@support.example.com>\r\nSent: Monday, February 3, 2025 10:00\r\nTo: Jane\r\n\r\nOld text"));
        Assert.Equal("Fine.", QuotedReply.Strip("Fine.\n\n-----Original Message-----\nFrom: Alice\nOld"));
        Assert.Equal("Fine.", QuotedReply.Strip("Fine.\n________________________________\nFrom: Alice\nOld"));
    }

    [Fact]
    public void The_signature_is_cut()
    {
        Assert.Equal("Please call me.", QuotedReply.Strip("Please call me.\n-- \nJane Doe\nACME Corp"));
    }

    [Fact]
    public void A_trailing_quote_without_attribution_is_cut_but_inline_quotes_stay()
    {
        Assert.Equal("My answer", QuotedReply.Strip("My answer\n\n> old line 1\n> old line 2\n"));
        const string inline = "> Which plan?\nThe big one.\n> When?\nTomorrow.";
        Assert.Equal(inline, QuotedReply.Strip(inline));
    }

    [Fact]
    public void Text_that_would_be_cut_to_nothing_is_kept_whole()
    {
        const string text = "> only a quote\n> nothing else";
        Assert.Equal(text, QuotedReply.Strip(text));
        Assert.Equal("-- \nonly a signature", QuotedReply.Strip("-- \nonly a signature"));
    }

    [Fact]
    public void Text_without_quotes_is_unchanged_but_trimmed()
    {
        Assert.Equal("Hello\n\nSecond paragraph", QuotedReply.Strip("  Hello\r\n\r\nSecond paragraph\n\n"));
    }
}
