using System.Text.Json;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Endpoints.Errors;

/// <summary>
/// Writes REST failures as ProblemDetails (RFC 9457): bad input → 400 with the field at fault, the grains'
/// error codes → 404 / 403 / 400 / 409 / 503 (<see cref="ProblemCodes.StatusOf"/>), requests the framework refused
/// (a body too large or of the wrong type) → their own status, and infrastructure failures
/// (<see cref="FailureClassifier"/>: the database or a silo unavailable, a timeout) → 503 "unavailable".
/// Unexpected exceptions are left to the default 500 handling, which <see cref="ProblemCodes"/> gives the code "error".
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (error, status) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (new ClientError(ErrorCodes.Invalid, $"The request body is not valid JSON for this endpoint (at {json.Path ?? "$"}).", json.Path), 400),
            BadHttpRequestException bad => (new ClientError(ProblemCodes.ForStatus(bad.StatusCode), bad.Message), bad.StatusCode),
            _ when ErrorTranslation.ToClientError(exception) is { } known => (known, ProblemCodes.StatusOf(known.Code)),
            _ => (null, 0),
        };
        if (error is null)
        {
            return false;
        }

        if (error.Code == ErrorCodes.Unavailable)
        {
            LogUnavailable(exception, httpContext.Request.Path);
        }

        var details = error.Field is { } field && status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [error.Message] })
            : new ProblemDetails();
        details.Status = status;
        details.Title = TitleOf(error.Code, status);
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

    private static string TitleOf(string code, int status) => code switch
    {
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.Forbidden => "Forbidden",
        ErrorCodes.Invalid => "Invalid request",
        ErrorCodes.TooLarge => "Too large",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.Unavailable => "Service unavailable",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed for want of the infrastructure (database or silo); the client is told 'unavailable'.")]
    private partial void LogUnavailable(Exception exception, string path);
}
