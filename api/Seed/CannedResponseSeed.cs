using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Seed;

/// <summary>Canned responses to start with, bound from "Engagement:Seed:CannedResponses".</summary>
public sealed class CannedResponseSeedOptions
{
    public List<CannedResponse> CannedResponses { get; set; } = [];
}

/// <summary>
/// Creates the configured canned responses when the tenant has none at all (a fresh install), once Orleans is
/// up. A tenant that has any, even after deleting the seeded ones, is left alone (one that deleted every response gets the seeded ones again at the next start).
/// </summary>
internal sealed partial class CannedResponseSeeder(
    IGrainFactory grains, IOptions<CannedResponseSeedOptions> options, ILogger<CannedResponseSeeder> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value.CannedResponses;
        if (seed.Count == 0) return;
        var grain = grains.GetCannedResponses();
        if ((await grain.List()).Length > 0) return;
        try
        {
            foreach (var response in seed) await grain.Upsert(response);
        }
        catch (EngagementException ex) when (ex.Code != ErrorCodes.Unavailable) // the database, not the configuration
        {
            throw new OptionsValidationException(SeedOptions.Section, typeof(CannedResponseSeedOptions), [$"{SeedOptions.Section}:CannedResponses is invalid: {ex.Message}"]);
        }
        LogSeeded(seed.Count);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} canned responses.")]
    private partial void LogSeeded(int count);
}
