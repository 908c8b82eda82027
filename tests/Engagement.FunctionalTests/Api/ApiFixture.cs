using Engagement.FunctionalTests.Infrastructure;

namespace Engagement.FunctionalTests.Api;

/// <summary>One node on a fresh database, shared by the API tests; each test makes its own queue and agents.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly PostgresFixture _database = new();

    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await ApiServer.StartAsync(_database.ConnectionString, $"api-tests-{Guid.NewGuid():N}");
    }

    public ApiClient Client() => new(Server.Address);

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API on one node";
}
