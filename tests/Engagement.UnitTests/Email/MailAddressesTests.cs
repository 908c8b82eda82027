using Engagement.Email;

namespace Engagement.UnitTests.Email;

public class MailAddressesTests
{
    [Fact]
    public void A_new_reply_token_is_well_formed_and_new_each_time()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => ReplyToken.New()).ToList();
        Assert.All(tokens, t => Assert.True(ReplyToken.IsWellFormed(t)));
        Assert.All(tokens, t => Assert.Equal(ReplyToken.Length, t.Length));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("UPPERCASE12")]
    [InlineData("with-dash-1234")]
    [InlineData("")]
    [InlineData(null)]
    public void Tokens_of_another_shape_are_refused(string? token) => Assert.False(ReplyToken.IsWellFormed(token));

    [Fact]
    public void The_reply_address_carries_the_token_and_reads_back()
    {
        var address = MailAddresses.ReplyAddress("help@Support.Example.com", "abcdefgh2345");
        Assert.Equal("help+abcdefgh2345@support.example.com", address);
        Assert.Equal("abcdefgh2345", MailAddresses.TokenOf(address));
        // A relay that upper-cases the local part changes nothing.
        Assert.Equal("abcdefgh2345", MailAddresses.TokenOf("HELP+ABCDEFGH2345@support.example.com"));
        Assert.Equal("help@support.example.com", MailAddresses.WithoutTag(address));
    }

    [Fact]
    public void Addresses_without_a_token_shaped_tag_have_no_token()
    {
        Assert.Null(MailAddresses.TokenOf("help@support.example.com"));
        Assert.Null(MailAddresses.TokenOf("help+@support.example.com"));
        Assert.Null(MailAddresses.TokenOf("help+x@support.example.com"));
        Assert.Null(MailAddresses.TokenOf("help+bounce.m1@support.example.com"));
        Assert.Null(MailAddresses.TokenOf("not an address"));
    }

    [Fact]
    public void The_bounce_address_names_the_mail()
    {
        var address = MailAddresses.BounceAddress("help@support.example.com", "mail_42-x");
        Assert.Equal("help+bounce.mail_42-x@support.example.com", address);
        Assert.Equal("mail_42-x", MailAddresses.BouncedMailIdOf(address));
        Assert.Null(MailAddresses.BouncedMailIdOf("help+abcdefgh2345@support.example.com"));
        Assert.Null(MailAddresses.BouncedMailIdOf("help+bounce.@support.example.com"));
    }

    [Theory]
    [InlineData("m1", true)]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", true)]
    [InlineData("has.dot", false)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData("0123456789012345678901234567890123456789x", false)]
    public void Mail_ids_are_safe_in_message_ids_and_addresses(string id, bool valid) => Assert.Equal(valid, MailAddresses.IsValidMailId(id));
}
