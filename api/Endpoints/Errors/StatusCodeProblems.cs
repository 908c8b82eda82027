using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>
/// Bodies for error responses that carry none (the bearer handler's 401 and 403, unknown routes' 404):
/// ProblemDetails with the same "code" extension as every other error, so clients handle one shape.
/// </summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (code, detail) = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ("unauthorized", "A valid bearer token is required (see docs/protocol.md, Tokens)."),
            StatusCodes.Status403Forbidden => (ErrorCodes.Forbidden, "This token's role may not use this endpoint."),
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "There is no such endpoint."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.Invalid, "This endpoint does not accept that HTTP method."),
            _ => ((string?)null, (string?)null),
        };
        var problem = new ProblemDetails { Status = http.Response.StatusCode, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
