using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Silo;

namespace Engagement.FunctionalTests.Deploy;

/// <summary>
/// `Engagement.Silo --health-check`, the image's HEALTHCHECK: the built silo binary asks a local port for /health/ready
/// and exits 0 on 200, 1 otherwise. The answering server here is a stand-in that returns a fixed status.
/// </summary>
public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task The_exit_code_follows_the_readiness_answer(int status, int expectedExit)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = AnswerOnceAsync(listener, status);

        var (exit, output) = await RunAsync(port);

        Assert.Equal(expectedExit, exit);
        Assert.Equal("GET /health/ready HTTP/1.1", await served);
        Assert.Contains($"/health/ready {status}", output);
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nobody holds now

        var (exit, output) = await RunAsync(port);

        Assert.Equal(1, exit);
        Assert.Contains("unreachable", output);
    }

    [Theory]
    [InlineData(null, null, 8080)]
    [InlineData(null, "8081", 8081)]
    [InlineData(null, "8082;8443", 8082)]
    [InlineData("http://+:5000", "8081", 5000)]
    [InlineData("http://0.0.0.0:5001/;https://[::]:5443", null, 5001)]
    public void The_port_is_the_one_ASP_NET_Core_listens_on(string? urls, string? httpPorts, int expected) =>
        Assert.Equal(expected, HealthCheckCommand.Port(name => name switch
        {
            "ASPNETCORE_URLS" => urls,
            "ASPNETCORE_HTTP_PORTS" => httpPorts,
            _ => null,
        }));

    private static async Task<string> AnswerOnceAsync(TcpListener listener, int status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return requestLine;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Engagement.Silo.dll"), HealthCheckCommand.Flag])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
