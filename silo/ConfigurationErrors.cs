using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Engagement.Silo;

/// <summary>
/// A node with a wrong or missing setting stops before it joins the cluster, with one line on stderr that names the
/// setting and exit code 78 (EX_CONFIG), never with a stack trace: what an operator reading `kubectl logs` needs.
/// Any other failure still surfaces as .NET reports it.
/// </summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 78;

    public static int Run(Action run)
    {
        try
        {
            run();
            return 0;
        }
        catch (Exception ex) when (Describe(ex) is { } line)
        {
            Console.Error.WriteLine($"engagement: configuration error: {line}");
            return ExitCode;
        }
    }

    /// <summary>Every setting registered with ValidateOnStart, checked now: before Orleans or the media engine start.</summary>
    public static void CheckSettings(this IHost host) => host.Services.GetService<IStartupValidator>()?.Validate();

    internal static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        OrleansConfigurationException orleans => orleans.Message,
        // The binder's own words name the key and the type: "Failed to convert configuration value … at 'Engagement:…'".
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => binding.Message,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Describe).ToArray() is var lines && lines.All(l => l is not null)
            ? string.Join(" ", lines) : null,
        _ => null,
    };
}
