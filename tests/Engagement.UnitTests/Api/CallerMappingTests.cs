using System.Security.Claims;
using Engagement.Api.Auth;

namespace Engagement.UnitTests.Api;

public class CallerMappingTests
{
    private static ClaimsPrincipal Principal(string? sub, string? role, string? name = null, bool authenticated = true)
    {
        var claims = new List<Claim>();
        if (sub is not null) claims.Add(new Claim(TokenClaims.Subject, sub));
        if (role is not null) claims.Add(new Claim(TokenClaims.Role, role));
        if (name is not null) claims.Add(new Claim(TokenClaims.Name, name));
        var identity = new ClaimsIdentity(claims, authenticated ? "Bearer" : null, TokenClaims.Name, TokenClaims.Role);
        return new ClaimsPrincipal(identity);
    }

    [Theory]
    [InlineData(Roles.Visitor, CallerKind.Visitor)]
    [InlineData(Roles.Agent, CallerKind.Agent)]
    [InlineData(Roles.Supervisor, CallerKind.Supervisor)]
    [InlineData(Roles.Admin, CallerKind.Admin)]
    public void Each_role_maps_to_its_caller_kind(string role, CallerKind kind)
    {
        Assert.Equal(new Caller(kind, "id-1", "Ada"), Principal("id-1", role, "Ada").ToCaller());
    }

    [Fact]
    public void A_visitor_without_a_name_maps_with_no_display_name()
    {
        Assert.Equal(Caller.Visitor("v_1"), Principal("v_1", Roles.Visitor).ToCaller());
    }

    [Fact]
    public void Only_staff_roles_map_to_staff_callers()
    {
        Assert.False(Principal("v_1", Roles.Visitor).ToCaller().IsStaff);
        Assert.True(Principal("a_1", Roles.Agent).ToCaller().IsStaff);
        Assert.True(Principal("a_1", Roles.Admin).ToCaller().IsPrivileged);
    }

    [Theory]
    [InlineData(null, Roles.Visitor)]
    [InlineData("v_1", null)]
    [InlineData("v_1", "system")]
    [InlineData("v_1", "root")]
    public void Missing_or_unknown_claims_are_forbidden(string? sub, string? role)
    {
        var error = Assert.Throws<EngagementException>(() => Principal(sub, role).ToCaller());
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public void An_unauthenticated_principal_is_forbidden()
    {
        var error = Assert.Throws<EngagementException>(() => Principal("v_1", Roles.Visitor, authenticated: false).ToCaller());
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }
}
