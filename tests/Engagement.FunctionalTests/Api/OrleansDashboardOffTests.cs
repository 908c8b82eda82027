namespace Engagement.FunctionalTests.Api;

/// <summary>With Engagement:OrleansDashboard:Enabled off (the default), the silo serves no dashboard and says why.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrleansDashboardOffTests(ApiFixture fixture)
{
    private readonly ApiClient _client = fixture.Client();

    [Fact]
    public async Task An_admin_asking_for_it_hears_it_is_off_and_its_path_serves_nothing()
    {
        var admin = await _client.AdminTokenAsync();
        var (status, problem) = await _client.SendContentAsync(HttpMethod.Post, "/api/orleans-dashboard/session", admin, null);
        Assert.Equal((404, "not_found"), (status, problem?["code"]?.GetValue<string>()));
        Assert.Contains("Engagement:OrleansDashboard:Enabled", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(404, (await _client.SendContentAsync(HttpMethod.Get, "/orleans-dashboard/DashboardCounters", admin, null)).Status);
    }
}
