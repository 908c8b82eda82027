using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement;

/// <summary>
/// A settings class bound from one configuration section and checked when the node starts: a wrong value stops the
/// node before it joins the cluster, with one line that names the setting (docs/operations.md, "Configuration").
/// </summary>
public interface ISettings<TSelf> where TSelf : class, ISettings<TSelf>
{
    /// <summary>The configuration section, e.g. "Engagement:Sessions".</summary>
    static abstract string Section { get; }

    /// <summary>Adds what is wrong with these values to <paramref name="check"/>; nothing when they are usable.</summary>
    void Check(SettingsCheck check);
}

/// <summary>Collects problems with one section's values, each naming its full key.</summary>
public sealed class SettingsCheck(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public SettingsCheck That(bool ok, string key, string problem)
    {
        if (!ok) _problems.Add($"{section}:{key} {problem}");
        return this;
    }

    public SettingsCheck Positive(string key, TimeSpan value) => That(value > TimeSpan.Zero, key, $"must be more than zero (it is {value}).");

    public SettingsCheck NotNegative(string key, TimeSpan value) => That(value >= TimeSpan.Zero, key, $"must not be negative (it is {value}).");

    public SettingsCheck InRange(string key, double value, double min, double max) =>
        That(value >= min && value <= max, key, $"must be from {min} to {max} (it is {value}).");

    public SettingsCheck Defined<TEnum>(string key, TEnum value) where TEnum : struct, Enum =>
        That(Enum.IsDefined(value), key, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (it is {value}).");
}

public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> from its section and checks it when the host starts (ValidateOnStart).</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration) where T : class, ISettings<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, Validator<T>>());
        return services.AddOptions<T>().Bind(configuration.GetSection(T.Section)).ValidateOnStart();
    }

    /// <summary>As above, from the host's own configuration (for registrations that are not handed one).</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, Validator<T>>());
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>For settings read while the host is being composed: throws what ValidateOnStart would.</summary>
    public static T Ensure<T>(T settings) where T : class, ISettings<T>
    {
        var problems = ProblemsOf(settings);
        return problems.Count == 0 ? settings : throw new OptionsValidationException(T.Section, typeof(T), problems);
    }

    private static IReadOnlyList<string> ProblemsOf<T>(T settings) where T : class, ISettings<T>
    {
        var check = new SettingsCheck(T.Section);
        settings.Check(check);
        return check.Problems;
    }

    private sealed class Validator<T> : IValidateOptions<T> where T : class, ISettings<T>
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            ProblemsOf(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
