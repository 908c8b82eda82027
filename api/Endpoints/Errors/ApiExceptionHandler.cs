using System.Text.Json;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>
/// Writes REST failures as ProblemDetails (RFC 9457): bad input → 400 with the field at fault, the grains'
/// error codes → 404 / 403 / 400 / 409 / 503, and infrastructure failures (<see cref="FailureClassifier"/>: the
/// database or a silo unavailable, a timeout) → 503 "unavailable". Unexpected exceptions are left to the default
/// 500 handling.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                new ClientError(ErrorCodes.Invalid, $"The request body is not valid JSON for this endpoint (at {json.Path ?? "$"}).", json.Path),
            BadHttpRequestException bad => new ClientError(ErrorCodes.Invalid, bad.Message),
            _ => ErrorTranslation.ToClientError(exception),
        };
        if (error is null)
        {
            return false;
        }

        if (error.Code == ErrorCodes.Unavailable)
        {
            LogUnavailable(exception, httpContext.Request.Path);
        }

        var status = StatusOf(error.Code);
        var details = error.Field is { } field && status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [error.Message] })
            : new ProblemDetails();
        details.Status = status;
        details.Title = TitleOf(error.Code);
        details.Detail = error.Message;
        details.Extensions["code"] = error.Code;

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    internal static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.Invalid => StatusCodes.Status400BadRequest,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.Forbidden => "Forbidden",
        ErrorCodes.Invalid => "Invalid request",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.Unavailable => "Service unavailable",
        _ => "Request failed",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed for want of the infrastructure (database or silo); the client is told 'unavailable'.")]
    private partial void LogUnavailable(Exception exception, string path);
}
