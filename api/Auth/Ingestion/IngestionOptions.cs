using Microsoft.Extensions.Options;

namespace Engagement.Api.Auth.Ingestion;

/// <summary>API keys of the devices and back-end systems that post context signals, bound from "Engagement:Ingestion".</summary>
public sealed class IngestionOptions
{
    public const string Section = "Engagement:Ingestion";
    public const int KeyMinLength = 32;

    public List<IngestionApiKey> ApiKeys { get; set; } = [];
}

/// <summary>One key; <see cref="Name"/> identifies the sender in the signals' source ("api:&lt;name&gt;").</summary>
public sealed class IngestionApiKey
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";
}

/// <summary>Refuses to start with unnamed, duplicate or short keys: a weak key must not pass unnoticed.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"{IngestionOptions.Section}:ApiKeys:{i}";
            if (!Ids.IsValid(key.Name)) failures.Add($"{at}:Name must be 1 to 64 letters, digits, '_' or '-'.");
            if ((key.Key?.Length ?? 0) < IngestionOptions.KeyMinLength) failures.Add($"{at}:Key must be at least {IngestionOptions.KeyMinLength} characters.");
        }
        if (options.ApiKeys.GroupBy(k => k.Name, StringComparer.Ordinal).Any(g => g.Count() > 1)) failures.Add($"{IngestionOptions.Section}:ApiKeys names must be unique.");
        if (options.ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1)) failures.Add($"{IngestionOptions.Section}:ApiKeys keys must be unique.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
