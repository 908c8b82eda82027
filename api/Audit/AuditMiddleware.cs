using System.Security.Cryptography;
using System.Text;
using Engagement.Api.Auth;
using Engagement.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Api.Audit;

/// <summary>
/// The one place admin actions are recorded: after a route marked <see cref="AuditedAction"/> (or any admin route
/// that changes something) answered with success, it writes the audit entry. A failed call writes nothing.
/// </summary>
internal sealed partial class AuditMiddleware(RequestDelegate next, IAuditLog log, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var audited = endpoint?.Metadata.GetMetadata<AuditedAction>();
        if (endpoint is null || (audited is null && !AuditedAction.IsRequiredFor(endpoint)))
        {
            await next(context);
            return;
        }

        // The body is read again after the endpoint, for the summary.
        context.Request.EnableBuffering();
        await next(context);
        if (context.Response.StatusCode is < 200 or >= 300) return;

        audited ??= Unnamed(context, endpoint);
        var record = new AuditRecord(
            context.User.FindFirst(TokenClaims.Subject)?.Value ?? "unknown",
            context.User.FindFirst(TokenClaims.Role)?.Value ?? "unknown",
            audited.Action,
            audited.TargetKind,
            TargetId(context, audited),
            AuditSummary.Of(await BodyAsync(context.Request), audited.Shown));
        try
        {
            // Not the request's token: an entry for a completed action is written even if the client went away.
            await log.RecordAsync(record, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The action is done and answered; the entry stays in the logs at least.
            LogNotRecorded(e, record.Action, record.TargetKind, record.TargetId, record.ActorId, record.Summary.ToJsonString());
        }
    }

    /// <summary>An admin route nobody named yet: recorded by its method and pattern.</summary>
    private static AuditedAction Unnamed(HttpContext context, Endpoint endpoint) =>
        new($"{context.Request.Method} {(endpoint as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText}", "route", null, []);

    private static string? TargetId(HttpContext context, AuditedAction audited)
    {
        var id = audited.TargetRouteValue is { } name
            ? context.Request.RouteValues[name]?.ToString()
            : context.Response.StatusCode == StatusCodes.Status201Created ? LastSegment(context.Response.Headers.Location.ToString()) : null;
        return id is not null && audited.HashTarget ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))) : id;
    }

    private static string? LastSegment(string location) =>
        location.Length == 0 ? null : Uri.UnescapeDataString(location.TrimEnd('/')[(location.TrimEnd('/').LastIndexOf('/') + 1)..]);

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType() || !request.Body.CanSeek) return [];
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry not recorded: {Action} {TargetKind} {TargetId} by {ActorId}, {Summary}")]
    private partial void LogNotRecorded(Exception exception, string action, string targetKind, string? targetId, string actorId, string summary);
}
