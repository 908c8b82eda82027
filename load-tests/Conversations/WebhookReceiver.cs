using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// The webhook receiver of <c>bench webhooks</c>: Kestrel on 127.0.0.1, answering every POST with 200 after
/// <c>delay</c> (zero: at once), and tallying what came (<see cref="DeliveryTally"/>). It does not check signatures:
/// the benchmark measures delivery, and the webhook tests check signing.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, int port, DeliveryTally tally)
    {
        _app = app;
        Port = port;
        Tally = tally;
    }

    public int Port { get; }

    public DeliveryTally Tally { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public static async Task<WebhookReceiver> StartAsync(int port, TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var tally = new DeliveryTally();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var received = DateTimeOffset.UtcNow;
            var root = body.RootElement;
            DateTimeOffset? stored = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object &&
                data.TryGetProperty("at", out var at) && at.TryGetDateTimeOffset(out var t) ? t : null;
            tally.Record(root.GetProperty("id").GetString()!, stored, received);
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            return Results.Ok();
        });
        await app.StartAsync();
        return new WebhookReceiver(app, port, tally);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
