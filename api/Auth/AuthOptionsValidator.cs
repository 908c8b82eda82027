using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Auth;

/// <summary>
/// Refuses to start a node with a missing or weak signing key outside Development (run at start-up through
/// ValidateOnStart), so a misconfigured node fails loudly instead of issuing forgeable tokens.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = Check(options, environment.IsDevelopment());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Check(AuthOptions options, bool isDevelopment)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!isDevelopment)
            {
                failures.Add($"{AuthOptions.Section}:SigningKey is not set. Set it to a random secret of at least " +
                             $"{AuthOptions.MinimumSecretBytes} bytes, the same on every silo.");
            }
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumSecretBytes)
        {
            failures.Add($"{AuthOptions.Section}:SigningKey is shorter than {AuthOptions.MinimumSecretBytes} bytes.");
        }

        if (!string.IsNullOrEmpty(options.IdentitySecret)
            && Encoding.UTF8.GetByteCount(options.IdentitySecret) < AuthOptions.MinimumSecretBytes)
        {
            failures.Add($"{AuthOptions.Section}:IdentitySecret is shorter than {AuthOptions.MinimumSecretBytes} bytes.");
        }

        if (options.VisitorTokenLifetime <= TimeSpan.Zero || options.StaffTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{AuthOptions.Section}: token lifetimes must be positive.");
        }

        return failures;
    }
}
