using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Email;

/// <summary>DI registration of the email channel (docs/email.md).</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// When "Engagement:Email:Enabled" is true: the outbox (<see cref="IMailOutbox"/>) and its sender, the inbound
    /// processor, and with "Engagement:Email:Inbound:Port" the SMTP listener, all on every silo. Settings that do not
    /// hold together stop the host from starting. When disabled, nothing is registered: resolve <see cref="IMailOutbox"/>
    /// as optional. Register an <see cref="IInboundMailHandler"/> for inbound mail to be handed on.
    /// </summary>
    /// <param name="connectionString">The database holding engagement.email_* (grains/Storage/Sql/009-email.sql).</param>
    public static IServiceCollection AddEngagementEmail(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection(EmailOptions.Section);
        if (!section.GetValue<bool>(nameof(EmailOptions.Enabled))) return services;
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.AddOptions<EmailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton(_ => new EmailDatabase(connectionString)); // made by the container, so disposed with it
        services.AddSingleton<EmailWakeUps>();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<InboundStore>();
        services.AddSingleton<SentMail>();
        services.AddSingleton<RecipientFilter>();
        services.AddSingleton<PostgresMailOutbox>();
        services.AddSingleton<IMailOutbox>(sp => sp.GetRequiredService<PostgresMailOutbox>());
        services.AddHostedService<MailSender>();
        services.AddHostedService<InboundMailProcessor>();
        if (section.GetSection(nameof(EmailOptions.Inbound)).GetValue<int>(nameof(InboundOptions.Port)) > 0)
        {
            services.AddSingleton<RawMailStore>();
            services.AddSingleton<SmtpListener>();
            services.AddHostedService(sp => sp.GetRequiredService<SmtpListener>());
        }
        return services;
    }

    private sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
