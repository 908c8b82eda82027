using Npgsql;

namespace Engagement.Webhooks;

/// <summary>The webhooks' own connections to PostgreSQL: their statements never queue behind the transcript writer's (nor it behind them).</summary>
internal sealed class WebhookDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = Build(connectionString);

    private static NpgsqlDataSource Build(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The claim and the result statements run all the time: let Npgsql prepare them on each connection.
        builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 8);
        return builder.Build();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
