using Npgsql;

namespace Engagement.FunctionalTests.EndToEnd;

/// <summary>
/// Makes PostgreSQL itself fail the grain-state writes of one state name with a chosen SQL state (a trigger raising
/// it), so a real grain on a real node gets a real PostgresException from its storage provider. Disposing removes it.
/// </summary>
public sealed class FailingStateWrites : IAsyncDisposable
{
    private readonly string _connectionString;

    private FailingStateWrites(string connectionString) => _connectionString = connectionString;

    /// <param name="stateName">The grain state name, e.g. "customer".</param>
    /// <param name="sqlState">Five characters, e.g. "53100" (disk full).</param>
    public static async Task<FailingStateWrites> InstallAsync(string connectionString, string stateName, string sqlState)
    {
        if (sqlState.Length != 5 || !sqlState.All(char.IsAsciiLetterOrDigit)) throw new ArgumentException("Not a SQL state.", nameof(sqlState));
        if (!stateName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) throw new ArgumentException("Not a state name.", nameof(stateName));
        await ExecuteAsync(connectionString, $"""
            CREATE OR REPLACE FUNCTION orleans.test_fail_state_write() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                RAISE EXCEPTION 'simulated failure writing grain state' USING ERRCODE = '{sqlState}';
            END $f$;
            CREATE TRIGGER test_fail_state_write BEFORE INSERT OR UPDATE ON orleans.grain_state
                FOR EACH ROW WHEN (NEW.state_name = '{stateName}') EXECUTE FUNCTION orleans.test_fail_state_write();
            """);
        return new FailingStateWrites(connectionString);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_connectionString, """
        DROP TRIGGER IF EXISTS test_fail_state_write ON orleans.grain_state;
        DROP FUNCTION IF EXISTS orleans.test_fail_state_write();
        """);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
