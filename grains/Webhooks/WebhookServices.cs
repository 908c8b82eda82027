using Engagement.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement.Webhooks;

/// <summary>Registers the outgoing webhooks: the outbox publishers call, the per-silo subscription view, the dispatcher and the admin services.</summary>
public static class WebhookServices
{
    /// <summary>
    /// Call after the schema migration is registered (its hosted service must run first). Registers
    /// <see cref="IWebhookOutbox"/>, <see cref="IWebhookSubscriptions"/>, <see cref="IWebhookDeliveries"/>, the
    /// transcript's <see cref="ITranscriptOutbox"/> (message.created) and, as hosted services, the subscription view,
    /// the dispatcher and the maintenance.
    /// </summary>
    public static IServiceCollection AddEngagementWebhooks(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new WebhookDatabase(connectionString));
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<WebhookSubscriptionCache>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSubscriptionCache>());
        services.AddSingleton<ITranscriptOutbox, MessageCreatedOutbox>();
        services.AddSingleton<IWebhookOutbox, WebhookOutbox>();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<IWebhookSubscriptions, WebhookSubscriptionStore>();
        services.AddSingleton<IWebhookDeliveries, WebhookDeliveryLog>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<WebhookMaintenance>();
        return services;
    }

    private sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebhookOptions options)
        {
            var problems = options.Problems().Select(p => $"{WebhookOptions.Section}: {p}").ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
