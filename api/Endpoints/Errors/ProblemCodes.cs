using Microsoft.AspNetCore.Http;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>
/// The one map between REST statuses and error codes (docs/protocol.md, Errors). Every problem response gets a
/// <c>code</c>: its own when the endpoint set one, else the one its status implies, so errors the framework makes
/// (415, 405, 413, a 500 from an unexpected exception) carry one too.
/// </summary>
public static class ProblemCodes
{
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string TooManyRequests = "too_many_requests";

    /// <summary>The code a response of <paramref name="status"/> carries when nothing more precise is known.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        >= 500 => ErrorCodes.Error,
        _ => ErrorCodes.Invalid,
    };

    /// <summary>The status a hub or grain error code answers over REST (<c>too_large</c>: a field, so 400 with <c>errors</c>).</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Adds the code a problem lacks (registered as ProblemDetailsOptions.CustomizeProblemDetails).</summary>
    public static void AddCode(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", ForStatus(status));
    }
}
