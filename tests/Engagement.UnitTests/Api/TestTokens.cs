using Engagement.Api.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.UnitTests.Api;

/// <summary>A token service with a fixed key and a controllable clock.</summary>
internal sealed class TestTokens
{
    public const string Key = "unit-test-signing-key-0123456789abcdef";

    /// <param name="issuedAt">The clock's start (tokens are issued at this time); now when omitted.</param>
    public TestTokens(string key = Key, DateTimeOffset? issuedAt = null)
    {
        Clock = new FakeTimeProvider(issuedAt ?? DateTimeOffset.UtcNow);
        Keys = new SigningKeys(key, isDevelopment: false, NullLogger.Instance);
        Service = new TokenService(Keys, Microsoft.Extensions.Options.Options.Create(Options), Clock);
    }

    public AuthOptions Options { get; } = new();

    public FakeTimeProvider Clock { get; }

    public SigningKeys Keys { get; }

    public TokenService Service { get; }
}
