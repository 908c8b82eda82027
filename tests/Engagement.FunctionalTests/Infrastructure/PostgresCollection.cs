namespace Engagement.FunctionalTests.Infrastructure;

/// <summary>Tests that share one <see cref="PostgresFixture"/> (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
