namespace Engagement.Api.Validation;

/// <summary>An error a client may see: a stable code from <see cref="ErrorCodes"/> and a safe message.</summary>
public sealed record ClientError(string Code, string Message, string? Field = null);

/// <summary>
/// Classifies exceptions for both hubs and REST: input and business-rule failures keep their message;
/// Orleans timeouts and unreachable silos mean "retry"; anything else is unexpected (null) and stays private.
/// </summary>
public static class ErrorTranslation
{
    public static ClientError? ToClientError(Exception exception) => exception switch
    {
        InputException input => new ClientError(ErrorCodes.Invalid, input.Message, input.Field),
        EngagementException engagement => new ClientError(engagement.Code, engagement.Message),
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException =>
            new ClientError(ErrorCodes.Unavailable, "The service is busy or a node is restarting; retry shortly."),
        _ => null,
    };
}
