using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.FunctionalTests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel), as a customer's would be: POST /hooks/{name} records each request
/// and checks its signature the way docs/webhooks.md tells receivers to (written from the docs, not from the
/// server's code), with the secret the test registered for that name. Each name answers 200 unless the test
/// queued other answers for it: a status code, or <see cref="Hang"/> (no answer until the sender gives up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = -1;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string[]> secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> answers = new();
    private readonly ConcurrentQueue<Received> received = new();

    private WebhookReceiver(WebApplication app, Uri baseUrl) => (this.app, BaseUrl) = (app, baseUrl);

    public Uri BaseUrl { get; }

    /// <summary>One request as received.</summary>
    /// <param name="Verified">The name's secrets some v1 signature of the header matches.</param>
    /// <param name="Signatures">How many v1 signatures the header carried.</param>
    public sealed record Received(
        string Name, string EventId, string EventType, long Timestamp, int Attempt, long DeliveryId, string[] Verified, int Signatures, JsonElement Body)
    {
        public bool SignatureValid => Verified.Length > 0;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/{name}", (string name, HttpContext context) => receiver!.ReceiveAsync(name, context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address));
        return receiver;
    }

    /// <summary>A fresh name for one test: its URL, with the secrets its signatures must match set later.</summary>
    public string NewHook(out string name)
    {
        name = Guid.NewGuid().ToString("N")[..12];
        return new Uri(BaseUrl, $"/hooks/{name}").ToString();
    }

    public void Accept(string name, params string[] secretsOfName) => secrets[name] = secretsOfName;

    /// <summary>Queues answers for <paramref name="name"/>, taken one per request; then it answers 200 again.</summary>
    public void Answer(string name, params int[] statuses)
    {
        var queue = answers.GetOrAdd(name, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses) queue.Enqueue(status);
    }

    public IReadOnlyList<Received> For(string name) => [.. received.Where(r => r.Name == name)];

    /// <summary>Waits until a request to <paramref name="name"/> matches; the timeout only bounds a failing test.</summary>
    public async Task<Received> WaitForAsync(string name, Func<Received, bool> match, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (received.FirstOrDefault(r => r.Name == name && match(r)) is { } hit) return hit;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No request to hook {name} matched within {seconds}s; it got {For(name).Count}.");
    }

    private async Task<IResult> ReceiveAsync(string name, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var timestamp = headers["Engagement-Timestamp"].ToString();
        var signatures = headers["Engagement-Signature"].ToString().Split(',')
            .Where(s => s.StartsWith("v1=", StringComparison.Ordinal)).Select(s => s[3..]).ToList();
        var verified = secrets.TryGetValue(name, out var keys) ? keys.Where(key => signatures.Any(s => Verifies(key, timestamp, body, s))).ToArray() : [];
        received.Enqueue(new Received(
            name, headers["Engagement-Event-Id"].ToString(), headers["Engagement-Event-Type"].ToString(), long.Parse(timestamp),
            int.Parse(headers["Engagement-Attempt"].ToString()), long.Parse(headers["Engagement-Delivery-Id"].ToString()),
            verified, signatures.Count, JsonDocument.Parse(body).RootElement.Clone()));

        var status = answers.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
        if (status == Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return Results.Empty;
        }
        return Results.Text($"answered {status}", statusCode: status);
    }

    /// <summary>The receiver's check from docs/webhooks.md: HMAC-SHA256 over "{timestamp}.{body}", hex, compared in constant time.</summary>
    private static bool Verifies(string secret, string timestamp, byte[] body, string signatureHex)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hmac.ComputeHash(signed)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHex));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
