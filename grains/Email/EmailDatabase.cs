using Npgsql;

namespace Engagement.Email;

/// <summary>The connection pool the email channel's tables (grains/Storage/Sql/009-email.sql) are reached through.</summary>
public sealed class EmailDatabase(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// A command on a pooled connection with positional parameters ($1, $2, …). A lone array argument is spread into
    /// parameters by C#'s params; pass it as <c>(object)array</c> to make it one array parameter.
    /// </summary>
    public NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
