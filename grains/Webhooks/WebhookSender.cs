using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Engagement.Webhooks;

/// <summary>
/// Makes one attempt: builds the body, signs it and POSTs it, within <see cref="WebhookOptions.RequestTimeout"/>
/// (a Polly.Core timeout around the request and the excerpt's read). 2xx is success; any other status, an error
/// or the timeout is a failure. The client connects only through <see cref="WebhookTargetGuard.ConnectAsync"/>,
/// uses no proxy (which would connect for it) and follows no redirect (a 3xx is a failure).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private static readonly string UserAgent = "Engagement-Webhooks/1";
    private readonly HttpClient http;
    private readonly ResiliencePipeline attemptPipeline;
    private readonly WebhookOptions options;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookTargetGuard guard, TimeProvider clock)
    {
        this.options = options.Value;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // names are resolved (and checked) again at least this often
            MaxConnectionsPerServer = this.options.MaxConcurrencyPerSubscription,
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        attemptPipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(this.options.RequestTimeout).Build();
    }

    /// <summary>What the attempt's result needs besides the outcome, which the dispatcher decides.</summary>
    public readonly record struct Answer(int? StatusCode, string? Error, string? Excerpt, TimeSpan? RetryAfter, bool Permanent)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }

    public async Task<Answer> SendAsync(ClaimedDelivery delivery, long timestamp, CancellationToken cancellationToken)
    {
        var data = delivery.DataJson ?? (delivery.Message is { } message ? WebhookJson.MessageData(message) : null);
        if (data is null)
            return new Answer(null, $"The message {delivery.EventId} refers to is no longer stored.", null, null, Permanent: true);
        var body = WebhookJson.Body(delivery.EventId, delivery.EventType, delivery.OccurredAt, data);
        try
        {
            return await attemptPipeline.ExecuteAsync(
                static async (state, token) => await state.Self.PostAsync(state.Delivery, state.Body, state.Timestamp, token).ConfigureAwait(false),
                (Self: this, Delivery: delivery, Body: body, Timestamp: timestamp), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return new Answer(null, $"timeout: no answer within {options.RequestTimeout.TotalSeconds:0.###} s", null, null, false);
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, Clean(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message), null, null, false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Answer(null, Clean(e.Message), null, null, false);
        }
    }

    private async Task<Answer> PostAsync(ClaimedDelivery delivery, byte[] body, long timestamp, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        headers.Add(WebhookHeaders.EventId, delivery.EventId);
        headers.Add(WebhookHeaders.EventType, delivery.EventType);
        headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add(WebhookHeaders.Signature, WebhookSignature.Header(delivery.Secret, delivery.PreviousSecret, timestamp, body));
        headers.Add(WebhookHeaders.DeliveryId, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add(WebhookHeaders.Attempt, delivery.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var excerpt = await ExcerptAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var error = status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        return new Answer(status, error, excerpt, retryAfter, false);
    }

    /// <summary>The first <see cref="WebhookOptions.ResponseExcerptLength"/> bytes of the answer as text; the rest is never read.</summary>
    private async Task<string?> ExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (options.ResponseExcerptLength == 0) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[options.ResponseExcerptLength];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }
        return read == 0 ? null : Clean(Encoding.UTF8.GetString(buffer, 0, read));
    }

    /// <summary>PostgreSQL text holds no NUL character.</summary>
    private static string Clean(string text) => text.Replace('\0', '\uFFFD');

    public void Dispose() => http.Dispose();
}
