namespace Engagement.Api.Validation;

/// <summary>An error a client may see: a stable code from <see cref="ErrorCodes"/> and a safe message.</summary>
public sealed record ClientError(string Code, string Message, string? Field = null);

/// <summary>
/// Classifies exceptions for both hubs and REST: input and business-rule failures keep their message;
/// infrastructure failures (the database, a silo, a timeout; <see cref="FailureClassifier"/>, the same
/// classification the grains use) mean "retry"; anything else is unexpected (null) and stays private.
/// </summary>
public static class ErrorTranslation
{
    public static ClientError? ToClientError(Exception exception) => exception switch
    {
        InputException input => new ClientError(input.Code, input.Message, input.Field),
        EngagementException engagement => new ClientError(engagement.Code, engagement.Message),
        _ when FailureClassifier.IsUnavailable(exception) => new ClientError(ErrorCodes.Unavailable, FailureClassifier.UnavailableMessage),
        _ => null,
    };
}
