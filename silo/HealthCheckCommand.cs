namespace Engagement.Silo;

/// <summary>
/// `Engagement.Silo --health-check [path]`: asks the silo running in this container for its readiness and exits 0 (200)
/// or 1 (anything else, or no answer within 5 s). The Dockerfile's HEALTHCHECK runs it, so the image needs no curl.
/// The port is the one the silo listens on: the first of ASPNETCORE_URLS, else of ASPNETCORE_HTTP_PORTS, else 8080.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--health-check";
    public const string DefaultPath = "/health/ready";

    public static bool IsRequested(string[] args) => args is [Flag, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args is [_, var given, ..] ? given : DefaultPath;
        var url = new Uri(new Uri($"http://127.0.0.1:{Port(Environment.GetEnvironmentVariable)}"), path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url} {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url} unreachable: {ex.Message}");
            return 1;
        }
    }

    internal static int Port(Func<string, string?> environment)
    {
        // ASP.NET Core's own order: ASPNETCORE_URLS wins over ASPNETCORE_HTTP_PORTS.
        var urls = environment("ASPNETCORE_URLS")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "http://+:80" and "http://*:80" are not URIs; the port is after the last colon either way.
        if (urls is [var url, ..] && int.TryParse(url.TrimEnd('/').AsSpan(url.TrimEnd('/').LastIndexOf(':') + 1), out var port)) return port;
        var ports = environment("ASPNETCORE_HTTP_PORTS")?.Split(';', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ports is [var first, ..] && int.TryParse(first, out port)) return port;
        return 8080;
    }
}
