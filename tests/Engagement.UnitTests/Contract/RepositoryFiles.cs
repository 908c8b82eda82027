namespace Engagement.UnitTests.Contract;

/// <summary>Files of the repository the tests run from (found by walking up to Engagement.sln).</summary>
internal static class RepositoryFiles
{
    private static readonly string Root = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The rows of the first markdown table after <paramref name="heading"/>, as trimmed cells.</summary>
    public static List<string[]> TableAfter(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        Assert.True(at >= 0, $"no heading '{heading}'");
        var rows = lines.Skip(at + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        return rows.Skip(2) // header and separator
            .Select(r => r.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Engagement.sln not found above " + AppContext.BaseDirectory);
    }
}
