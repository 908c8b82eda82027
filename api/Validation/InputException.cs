namespace Engagement.Api.Validation;

/// <summary>Client input broke a rule. Hubs turn it into a HubException, REST into a 400 validation problem.</summary>
public sealed class InputException(string field, string message) : Exception(message)
{
    /// <summary>The argument or JSON property at fault, in camelCase.</summary>
    public string Field { get; } = field;
}
