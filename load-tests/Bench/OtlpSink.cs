using System.Globalization;
using System.Net;
using Engagement.LoadTests.Cluster;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// Where <c>bench telemetry</c>'s silo exports its spans (OTLP over HTTP/protobuf): reads each export whole and
/// answers 200 with an empty export response, so the silo pays for building, serializing and sending its spans as it
/// would to a collector, and nothing here decodes them. Written by hand: an OTLP collector is not packaged for this
/// machine, and only the receiving end of the protocol is needed.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private long _exports, _bytes;

    private OtlpSink(int port)
    {
        Endpoint = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The base URL for OTLP over HTTP (the exporter adds /v1/traces).</summary>
    public string Endpoint { get; }

    public long Exports => Interlocked.Read(ref _exports);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static OtlpSink Start() => new(FreePorts.One());

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0) Interlocked.Add(ref _bytes, read);
            Interlocked.Increment(ref _exports);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
