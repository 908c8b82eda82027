namespace Engagement.LoadTests.Cluster;

/// <summary>Finds the repository (the folder holding Engagement.sln and the engage script).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ENGAGE_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")) && File.Exists(Path.Combine(dir.FullName, "engage")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No repository root (Engagement.sln + engage) above {AppContext.BaseDirectory}.");
    }
}
