using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.LoadTests.Hubs;

/// <summary>
/// Builds the official .NET SignalR client the way a production client would connect: WebSockets only,
/// no negotiate round trip, JSON protocol with the server's shape (camelCase, enums as strings).
/// </summary>
internal static class HubConnections
{
    public static HubConnection Create(Uri hubUrl, string? accessToken = null) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .AddJsonProtocol(options => Apply(options.PayloadSerializerOptions))
            .Build();

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>Runs <paramref name="action"/> for every item, at most <paramref name="parallelism"/> at once (connection storms hurt both sides).</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, action);
}
