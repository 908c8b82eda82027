using Npgsql;

namespace Engagement.Conversations;

/// <summary>
/// The one translation of an <see cref="InboxFilter"/> into SQL conditions on engagement.conversation (aliased
/// <paramref name="c"/>), for the inbox's lists and for search: the caller's visibility first, then each filter.
/// Values go in as parameters of <paramref name="command"/>.
/// </summary>
internal static class InboxFilterSql
{
    public static List<string> Conditions(InboxFilter f, NpgsqlCommand command, string c)
    {
        var where = new List<string>();
        if (f.VisibleQueues is not null) where.Add($"({c}.queue_id = ANY({Arg(command, f.VisibleQueues)}) OR {c}.assignee_id = {Arg(command, f.Viewer ?? "")})");
        if (f.Status is { } status) where.Add($"{c}.status = {Arg(command, (short)status)}");
        if (f.AssignedTo is { } assignee) where.Add($"{c}.assignee_id = {Arg(command, assignee)}");
        if (f.Unassigned) where.Add($"{c}.assignee_id IS NULL");
        if (f.QueueId is { } queue) where.Add($"{c}.queue_id = {Arg(command, queue)}");
        if (f.Label is { } label) where.Add($"{c}.labels @> ARRAY[{Arg(command, label)}]");
        if (f.Channel is { } channel) where.Add($"{c}.channel = {Arg(command, channel)}");
        if (f.ContactId is { } contact) where.Add($"{c}.contact_id = {Arg(command, contact)}");
        return where;
    }

    /// <summary>Adds a positional parameter and returns its placeholder ($n).</summary>
    public static string Arg<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count;
    }
}
