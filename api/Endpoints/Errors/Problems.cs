using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>ProblemDetails results endpoints return directly (without throwing), with the same "code" extension.</summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Unauthorized(string detail) =>
        Of(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden", detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "Service unavailable", detail);
}
