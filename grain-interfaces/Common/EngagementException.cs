namespace Engagement;

/// <summary>Stable error codes the API maps to HTTP statuses and hub errors.</summary>
public static class ErrorCodes
{
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Invalid = "invalid";
    public const string Conflict = "conflict";
    public const string Unavailable = "unavailable";

    /// <summary>A value longer, or a list larger, than its documented limit (<see cref="Limits"/>); REST: a body too big.</summary>
    public const string TooLarge = "too_large";

    /// <summary>REST: no token, a bad or expired one, or a failed sign-in (hubs refuse such connections with HTTP 401).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A hub call names a method the hub does not have.</summary>
    public const string UnknownMethod = "unknown_method";

    /// <summary>
    /// An unexpected failure (a bug). Never carried by an <see cref="EngagementException"/>: it is what the edge
    /// reports, without details, for anything <see cref="FailureClassifier"/> does not recognise.
    /// </summary>
    public const string Error = "error";
}

/// <summary>
/// A failure a client may be told about, raised by a grain: bad input, a forbidden access or a state conflict,
/// or <see cref="ErrorCodes.Unavailable"/> when the infrastructure underneath (the database, a silo) failed and
/// the request may be retried. It carries a stable <see cref="Code"/> and a message that is safe to show to the
/// caller. Orleans serializes it between silos (unlike a database driver's own exceptions), so it is also what
/// infrastructure failures are turned into before they leave a grain (see <see cref="FailureClassifier"/>).
/// </summary>
[GenerateSerializer, Alias("engagement.error")]
public sealed class EngagementException : Exception
{
    public EngagementException(string code, string message) : base(message) => Code = code;

    [Id(0)]
    public string Code { get; }

    public static EngagementException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");
    public static EngagementException Forbidden(string what) => new(ErrorCodes.Forbidden, what);
    public static EngagementException Invalid(string what) => new(ErrorCodes.Invalid, what);
    public static EngagementException TooLarge(string what) => new(ErrorCodes.TooLarge, what);
    public static EngagementException Conflict(string what) => new(ErrorCodes.Conflict, what);
    public static EngagementException Unavailable(string what) => new(ErrorCodes.Unavailable, what);
}
