using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Engagement.Api.Auth;

/// <summary>
/// The key that signs and verifies tokens: the configured one, or in Development without one, a random
/// key made at start that lives only as long as this process (with a loud warning).
/// </summary>
public sealed class SigningKeys
{
    public SigningKeys(IOptions<AuthOptions> options, IHostEnvironment environment, ILogger<SigningKeys> logger)
        : this(options.Value.SigningKey, environment.IsDevelopment(), logger)
    {
    }

    internal SigningKeys(string? configuredKey, bool isDevelopment, ILogger logger)
    {
        if (!string.IsNullOrEmpty(configuredKey))
        {
            var bytes = Encoding.UTF8.GetBytes(configuredKey);
            if (bytes.Length < AuthOptions.MinimumSecretBytes)
            {
                throw new InvalidOperationException(
                    $"{AuthOptions.Section}:SigningKey is shorter than {AuthOptions.MinimumSecretBytes} bytes.");
            }

            Key = new SymmetricSecurityKey(bytes);
            return;
        }

        if (!isDevelopment)
        {
            throw new InvalidOperationException(
                $"{AuthOptions.Section}:SigningKey is not set; a node outside Development will not start without it.");
        }

        Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(AuthOptions.MinimumSecretBytes));
        IsEphemeral = true;
        logger.LogWarning(
            "*** {Section}:SigningKey is not set: signing tokens with a random key that dies with this process. " +
            "Tokens will not survive a restart and other silos will reject them. Never run like this in production. ***",
            AuthOptions.Section);
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>True when no key was configured and a throwaway one is in use (Development only).</summary>
    public bool IsEphemeral { get; }
}
