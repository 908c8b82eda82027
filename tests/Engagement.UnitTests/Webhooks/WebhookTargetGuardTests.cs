using System.Net;
using System.Net.Sockets;
using Engagement.Webhooks;
using Microsoft.Extensions.Options;

namespace Engagement.UnitTests.Webhooks;

/// <summary>The SSRF rule when a subscription is saved, and again when a delivery connects.</summary>
public sealed class WebhookTargetGuardTests
{
    private static WebhookTargetGuard Guard(bool allowPrivate = false) =>
        new(Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }));

    [Theory]
    [InlineData("ftp://example.com/hook", "http")]
    [InlineData("/relative/hook", "http")]
    [InlineData("http://user:password@93.184.216.34/hook", "password")]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://localhost/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("http://[::ffff:192.168.0.10]/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    public async Task Refuses_a_url_that_is_not_http_or_reaches_a_refused_address(string url, string reason)
    {
        var refusal = await Guard().RefusalOfAsync(url);
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    [Theory]
    [InlineData("https://93.184.216.34/hooks/engagement")]
    [InlineData("http://[2606:4700:4700::1111]:8443/hook")]
    public async Task Allows_a_public_address(string url) => Assert.Null(await Guard().RefusalOfAsync(url));

    [Fact]
    public async Task Allows_loopback_when_private_targets_are_allowed() =>
        Assert.Null(await Guard(allowPrivate: true).RefusalOfAsync("http://127.0.0.1:5000/hook"));

    [Fact]
    public async Task Refuses_at_connect_time_what_resolves_to_a_refused_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = Guard().ConnectAsync, UseProxy = false });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://localhost:{port}/"));
        Assert.Contains("Refused target", refused.Message);
        Assert.False(listener.Pending()); // no connection was made
    }

    [Fact]
    public async Task Connects_to_loopback_when_private_targets_are_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = Guard(allowPrivate: true).ConnectAsync, UseProxy = false });
        using var cancel = new CancellationTokenSource();

        var request = http.GetAsync($"http://localhost:{port}/", cancel.Token);
        using var accepted = await listener.AcceptTcpClientAsync();
        Assert.True(accepted.Connected);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }
}
