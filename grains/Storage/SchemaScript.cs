using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Storage;

/// <summary>One embedded SQL script of <c>grains/Storage/Sql</c>, with the checksum recorded in engagement.schema_version.</summary>
public sealed record SchemaScript(string Name, string Sql, string Checksum)
{
    /// <summary>Every script, in the order they apply (by file name).</summary>
    public static IReadOnlyList<SchemaScript> All { get; } = Load();

    private static SchemaScript[] Load()
    {
        var assembly = typeof(SchemaScript).Assembly;
        const string marker = ".Storage.Sql.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToArray();
    }

    private static SchemaScript Read(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Normalise line endings so a checkout with CRLF does not look like a changed script.
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new SchemaScript(name, sql, checksum);
    }
}
