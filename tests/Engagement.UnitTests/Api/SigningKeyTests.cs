using Engagement.Api.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.UnitTests.Api;

public class SigningKeyTests
{
    [Fact]
    public void Outside_development_a_missing_key_stops_the_node()
    {
        var failures = AuthOptionsValidator.Check(new AuthOptions(), isDevelopment: false);

        Assert.Contains(failures, f => f.Contains("SigningKey is not set"));
        Assert.Throws<InvalidOperationException>(() => new SigningKeys(null, isDevelopment: false, NullLogger.Instance));
    }

    [Fact]
    public void In_development_a_missing_key_is_replaced_by_an_ephemeral_one()
    {
        Assert.Empty(AuthOptionsValidator.Check(new AuthOptions(), isDevelopment: true));

        var first = new SigningKeys(null, isDevelopment: true, NullLogger.Instance);
        var second = new SigningKeys(null, isDevelopment: true, NullLogger.Instance);

        Assert.True(first.IsEphemeral);
        Assert.Equal(AuthOptions.MinimumSecretBytes, first.Key.Key.Length);
        Assert.NotEqual(first.Key.Key, second.Key.Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_shorter_than_32_bytes_is_refused_everywhere(bool isDevelopment)
    {
        var options = new AuthOptions { SigningKey = new string('k', 31) };

        Assert.Contains(AuthOptionsValidator.Check(options, isDevelopment), f => f.Contains("shorter than 32 bytes"));
        Assert.Throws<InvalidOperationException>(() => new SigningKeys(options.SigningKey, isDevelopment, NullLogger.Instance));
    }

    [Fact]
    public void A_configured_key_is_used_as_given()
    {
        var key = new SigningKeys(TestTokens.Key, isDevelopment: false, NullLogger.Instance);

        Assert.False(key.IsEphemeral);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(TestTokens.Key), key.Key.Key);
        Assert.Empty(AuthOptionsValidator.Check(new AuthOptions { SigningKey = TestTokens.Key }, isDevelopment: false));
    }

    [Fact]
    public void A_short_identity_secret_is_refused()
    {
        var options = new AuthOptions { SigningKey = TestTokens.Key, IdentitySecret = "short" };

        Assert.Contains(AuthOptionsValidator.Check(options, isDevelopment: true), f => f.Contains("IdentitySecret"));
    }
}
