using Engagement.Api.Endpoints.Agents;
using Engagement.Api.Endpoints.Queues;
using Engagement.Api.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Seed;

/// <summary>
/// Creates the configured queues and staff accounts that do not exist yet. It runs once every hosted
/// service has started (StartedAsync), so Orleans is up. Every silo runs it; creation is idempotent
/// (an existing queue, agent id or email is left alone), so concurrent starts are harmless.
/// </summary>
internal sealed partial class SeedService(IGrainFactory grains, IOptions<SeedOptions> options, ILogger<SeedService> logger)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value;
        try
        {
            foreach (var queue in seed.Queues)
            {
                await SeedQueueAsync(queue);
            }

            foreach (var agent in seed.Agents)
            {
                await SeedAgentAsync(agent);
            }
        }
        catch (Exception ex) when (ex is InputException or EngagementException { Code: not ErrorCodes.Unavailable })
        {
            // Bad seed configuration must not pass unnoticed: stop the node with a clear reason. (An unavailable
            // database is not bad configuration: it fails the start as itself.)
            throw new OptionsValidationException(SeedOptions.Section, typeof(SeedOptions), [$"{SeedOptions.Section} is invalid: {ex.Message}"]);
        }
    }

    private async Task SeedQueueAsync(SeedQueue seed)
    {
        var queueId = InputRules.Id(seed.QueueId, "queueId");
        var definition = QueueDefinitionRules.Build(queueId, seed.Name, seed.Skills, seed.OfferTimeout, seed.SlaTarget);
        var queue = grains.GetQueue(queueId);
        if (await queue.GetDefinition() is not null)
        {
            return;
        }

        await queue.Configure(definition);
        await grains.GetRegistry().RegisterQueue(queueId);
        LogSeededQueue(queueId);
    }

    private async Task SeedAgentAsync(SeedAgent seed)
    {
        var agentId = InputRules.Id(seed.AgentId, "agentId");
        var profile = AgentProfileRules.Build(agentId, seed.DisplayName, seed.Email, seed.Role, seed.Skills,
            seed.Capacity, seed.Queues, seed.Title, photoUrl: null);
        var password = AgentProfileRules.Password(seed.Password);
        var agent = grains.GetAgent(agentId);
        var directory = grains.GetRegistry();
        if (await agent.GetProfile() is not null || await directory.FindAgentByEmail(profile.Email) is not null)
        {
            return;
        }

        await directory.RegisterAgent(agentId, profile.Email);
        await agent.Configure(profile);
        await agent.SetPassword(password);
        LogSeededAgent(agentId, profile.Role, profile.Email);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded queue '{QueueId}'.")]
    private partial void LogSeededQueue(string queueId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Role} '{AgentId}' <{Email}>.")]
    private partial void LogSeededAgent(string agentId, StaffRole role, string email);
}
