using System.CommandLine;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// What <c>./engage bench</c> prepared and hands over: the project's PostgreSQL (a connection string to its
/// <c>postgres</c> database), the published silo, the signing secret, the output folder and its own web port,
/// from which the benchmarks' ports are derived. Each is asked for only by the benchmarks that need it.
/// </summary>
internal sealed record BenchSetup(string? Postgres, string? SiloDll, string? SecretFile, string? OutFolder, int? WebPort)
{
    public string Server => Postgres ?? throw Missing("--postgres");

    public string Silo => SiloDll ?? throw Missing("--silo-dll");

    public string Secret => File.ReadAllText(SecretFile ?? throw Missing("--secret-file")).Trim();

    public int EngagePort => WebPort ?? throw Missing("--engage-port");

    /// <summary>A file or folder in the output folder (created).</summary>
    public string Out(string name)
    {
        var folder = OutFolder ?? throw Missing("--out");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>The report options of a measuring run (JSON, HTML and HdrHistogram log), unless the user gave their own.</summary>
    public static string[] Report(IReadOnlyList<string> userTokens, string path) => userTokens.Contains("--report") ? [] : ["--report", path];

    /// <summary>The hidden options that hand this setup on to another <c>bench</c> command (<c>bench all</c> runs them in turn).</summary>
    public string[] Arguments() =>
    [
        .. Postgres is null ? [] : new[] { "--postgres", Postgres },
        .. SiloDll is null ? [] : new[] { "--silo-dll", SiloDll },
        .. SecretFile is null ? [] : new[] { "--secret-file", SecretFile },
        .. OutFolder is null ? [] : new[] { "--out", OutFolder },
        .. WebPort is null ? [] : new[] { "--engage-port", WebPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    ];

    /// <summary>A path as the user knows it: relative to the repository.</summary>
    public static string Shown(string path) => Path.GetRelativePath(Cluster.RepositoryRoot.Find(), path);

    private static InvalidOperationException Missing(string option) =>
        new($"this benchmark needs {option}; run it through ./engage bench, which prepares it");
}

/// <summary>
/// The options that carry a <see cref="BenchSetup"/>: hidden (a user types the benchmark's own options; ./engage
/// adds these) and recursive, so they are accepted after any of <c>bench</c>'s subcommands.
/// </summary>
internal sealed class BenchSetupOptions
{
    private readonly Option<string?> _postgres = Hidden<string?>("--postgres", "Connection string to the PostgreSQL server's postgres database");
    private readonly Option<string?> _siloDll = Hidden<string?>("--silo-dll", "The published Engagement.Silo.dll");
    private readonly Option<string?> _secretFile = Hidden<string?>("--secret-file", "File holding the silos' signing secret");
    private readonly Option<string?> _out = Hidden<string?>("--out", "Folder for logs and results");
    private readonly Option<int?> _engagePort = Hidden<int?>("--engage-port", "./engage's web port, from which the benchmarks' ports are derived");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _postgres, _siloDll, _secretFile, _out, _engagePort }) command.Options.Add(option);
    }

    public BenchSetup Read(ParseResult parse) =>
        new(parse.GetValue(_postgres), parse.GetValue(_siloDll), parse.GetValue(_secretFile), parse.GetValue(_out), parse.GetValue(_engagePort));

    private static Option<T> Hidden<T>(string name, string description) => new(name) { Description = description, Hidden = true, Recursive = true };
}
