using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Attachments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.UnitTests.Attachments;

public sealed class AttachmentLinksTests
{
    private static readonly AttachmentView File = new("f_abc", "a.png", "image/png", 10);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-04T10:00:00Z"));

    private AttachmentLinks Links(string key = "a signing key of at least thirty-two bytes!") =>
        new(new SigningKeys(key, isDevelopment: false, NullLogger.Instance), _clock);

    private static (long Expires, string Sig) Parts(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + url).Query);
        return (long.Parse(query["expires"]!), query["sig"]!);
    }

    [Fact]
    public void A_link_works_until_it_expires_five_minutes_on()
    {
        var links = Links();
        var link = links.For(File);
        var (expires, sig) = Parts(link.Url);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5), link.ExpiresAt);
        Assert.True(links.IsValid("f_abc", expires, sig));
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.False(links.IsValid("f_abc", expires, sig));
    }

    [Fact]
    public void A_link_names_one_file_and_one_expiry_and_only_this_servers_key_signs_it()
    {
        var links = Links();
        var (expires, sig) = Parts(links.For(File).Url);
        Assert.False(links.IsValid("f_abd", expires, sig));
        Assert.False(links.IsValid("f_abc", expires + 3600, sig));
        Assert.False(links.IsValid("f_abc", expires, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')));
        Assert.False(links.IsValid("f_abc", expires, "not base64url!"));
        Assert.False(links.IsValid("f_abc", expires, null));
        Assert.False(Links("another signing key, also thirty-two bytes!").IsValid("f_abc", expires, sig));
        Assert.True(Links().IsValid("f_abc", expires, sig)); // every node with the same key
    }
}
