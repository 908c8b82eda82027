using System.Security.Claims;
using System.Text;
using Engagement.Api.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Engagement.UnitTests.Api;

public class TokenServiceTests
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly TestTokens _tokens = new();

    private Task<TokenValidationResult> Validate(string token, SecurityKey? key = null) =>
        Handler.ValidateTokenAsync(token, TokenClaims.ValidationParameters(key ?? _tokens.Keys.Key));

    [Fact]
    public async Task Visitor_token_round_trips_subject_role_and_name()
    {
        var issued = _tokens.Service.IssueVisitor("v_abc", "Ada");

        var result = await Validate(issued.Token);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("v_abc", result.Claims[TokenClaims.Subject]);
        Assert.Equal(Roles.Visitor, result.Claims[TokenClaims.Role]);
        Assert.Equal("Ada", result.Claims[TokenClaims.Name]);
        Assert.Equal(TokenClaims.Issuer, result.Issuer);
    }

    [Fact]
    public async Task Visitor_tokens_outlive_staff_tokens_as_configured()
    {
        var now = _tokens.Clock.GetUtcNow();

        var visitor = _tokens.Service.IssueVisitor("v_abc");
        var staff = _tokens.Service.IssueStaff("a_1", StaffRole.Agent, "Bob");

        Assert.Equal(now + _tokens.Options.VisitorTokenLifetime, visitor.ExpiresAt);
        Assert.Equal(now + _tokens.Options.StaffTokenLifetime, staff.ExpiresAt);
        Assert.True(visitor.ExpiresAt > staff.ExpiresAt);
    }

    [Theory]
    [InlineData(StaffRole.Agent, Roles.Agent, CallerKind.Agent)]
    [InlineData(StaffRole.Supervisor, Roles.Supervisor, CallerKind.Supervisor)]
    [InlineData(StaffRole.Admin, Roles.Admin, CallerKind.Admin)]
    public async Task Staff_token_carries_the_role_and_maps_to_the_caller(StaffRole role, string claim, CallerKind kind)
    {
        var result = await Validate(_tokens.Service.IssueStaff("a_1", role, "Bob").Token);

        Assert.True(result.IsValid);
        Assert.Equal(claim, result.Claims[TokenClaims.Role]);
        Assert.Equal(new Caller(kind, "a_1", "Bob"), new ClaimsPrincipal(result.ClaimsIdentity).ToCaller());
    }

    [Fact]
    public async Task A_tampered_payload_is_rejected()
    {
        var parts = _tokens.Service.IssueVisitor("v_abc").Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("v_abc", "v_xyz");
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var result = await Validate(forged);

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task A_role_escalation_in_the_payload_is_rejected()
    {
        var parts = _tokens.Service.IssueVisitor("v_abc").Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace($"\"{Roles.Visitor}\"", $"\"{Roles.Admin}\"");
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.False((await Validate(forged)).IsValid);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var other = new TestTokens("another-signing-key-which-is-long-enough!");

        var result = await Validate(other.Service.IssueVisitor("v_abc").Token);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var parts = _tokens.Service.IssueVisitor("v_abc").Token.Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        Assert.False((await Validate($"{header}.{parts[1]}.")).IsValid);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var lifetime = new AuthOptions().StaffTokenLifetime;
        var yesterday = new TestTokens(issuedAt: DateTimeOffset.UtcNow - lifetime - TimeSpan.FromHours(1));

        var result = await Validate(yesterday.Service.IssueStaff("a_1", StaffRole.Agent, "Bob").Token);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }
}
