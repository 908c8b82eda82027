namespace Engagement.Api.Validation;

/// <summary>Client input broke a rule. Hubs turn it into a HubException, REST into a 400 validation problem.</summary>
public sealed class InputException(string field, string message, string code = ErrorCodes.Invalid) : Exception(message)
{
    /// <summary>The argument or JSON property at fault, in camelCase.</summary>
    public string Field { get; } = field;

    /// <summary><see cref="ErrorCodes.Invalid"/>, or <see cref="ErrorCodes.TooLarge"/> for a value over its size limit.</summary>
    public string Code { get; } = code;

    /// <summary>The value is longer, or the list larger, than <see cref="Limits"/> allows.</summary>
    public static InputException TooLarge(string field, string message) => new(field, message, ErrorCodes.TooLarge);
}
