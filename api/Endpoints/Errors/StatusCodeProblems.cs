using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>
/// Bodies for error responses that carry none (the bearer handler's 401 and 403, unknown routes' 404, the
/// framework's 405, 413 and 415): ProblemDetails whose code <see cref="ProblemCodes"/> adds, so clients handle one shape.
/// </summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required (see docs/protocol.md, Tokens).",
            StatusCodes.Status403Forbidden => "This token's role may not use this endpoint.",
            StatusCodes.Status404NotFound => "There is no such endpoint.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept that HTTP method.",
            StatusCodes.Status413PayloadTooLarge => $"A request body is at most {Limits.RestBodyBytes:N0} bytes.",
            StatusCodes.Status415UnsupportedMediaType => "This endpoint takes a body of another content type (JSON: application/json).",
            _ => null,
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode, Detail = detail } });
    }
}
