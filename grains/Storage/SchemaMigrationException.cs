namespace Engagement.Storage;

/// <summary>The database schema could not be applied; the silo must not start.</summary>
public sealed class SchemaMigrationException(string message, Exception? inner = null) : Exception(message, inner);
