using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.LoadTests.Relay;

/// <summary>
/// `relay-server --port N`: Kestrel on 127.0.0.1 with only <see cref="RelayHub"/>, JSON protocol and the
/// SignalR defaults the product also uses. Runs until Ctrl-C / SIGTERM.
/// </summary>
internal static class RelayServerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1", DefaultValueFactory = _ => 5190 };
        var command = new Command("relay-server", "Raw SignalR relay hub (no logic): the baseline the chat path is compared with.") { port };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddSignalR().AddJsonProtocol(options => Hubs.HubConnections.Apply(options.PayloadSerializerOptions));

        var app = builder.Build();
        app.MapHub<RelayHub>(RelayHub.Path);
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"relay-server listening on http://127.0.0.1:{port}{RelayHub.Path} (Ctrl-C stops)");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
