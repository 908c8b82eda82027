using System.Security.Claims;
using Engagement.Api.Auth;
using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Engagement.Api.Endpoints.Attachments;

/// <summary>
/// Attachments over REST (docs/protocol.md, Attachments): uploads into a session or conversation the caller may see,
/// signed links for those who may see the transcript a file belongs to, and the bytes behind a valid link.
/// </summary>
internal static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/attachments").WithTags("Attachments").RequireAuthorization(Policies.Authenticated);
        group.MapPost("/", Upload).DisableAntiforgery()
            .WithSummary("Uploads a file (multipart/form-data, field 'file') into a session or conversation (scope); its type is judged from its bytes.");
        group.MapGet("/{attachmentId}", Link).WithSummary("A short-lived signed URL to the file, for those who may see its transcript.");
        routes.MapGet("/files/{attachmentId}", Download).WithTags("Attachments").AllowAnonymous()
            .WithSummary("The file's bytes behind a signed URL from GET /api/attachments/{attachmentId}.");
        return routes;
    }

    private static async Task<IResult> Upload(string? scope, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IAttachments attachments)
    {
        var caller = user.ToCaller();
        var scopeId = InputRules.Id(scope, "scope");
        await TranscriptAccess.EnsureVisibleAsync(grains, caller, scopeId);
        return await AttachmentUpload.ReadAsync(request, file => attachments.UploadAsync(scopeId, caller.Id, file.FileName, file.OpenReadStream(), request.HttpContext.RequestAborted));
    }

    private static async Task<Ok<AttachmentLink>> Link(string attachmentId, ClaimsPrincipal user, IGrainFactory grains, IAttachments attachments, AttachmentLinks links)
    {
        var file = await attachments.FindAsync(InputRules.Id(attachmentId, "attachmentId")) ?? throw NotFound(attachmentId);
        try
        {
            await TranscriptAccess.EnsureVisibleAsync(grains, user.ToCaller(), file.ScopeId);
        }
        catch (EngagementException e) when (e.Code == ErrorCodes.NotFound)
        {
            throw NotFound(attachmentId); // not "session … was not found": the caller asked for a file
        }
        return TypedResults.Ok(links.For(file.View));
    }

    private static async Task<IResult> Download(string attachmentId, long? expires, string? sig, string? download, HttpContext http, IAttachments attachments, AttachmentLinks links)
    {
        InputRules.Id(attachmentId, "attachmentId");
        if (expires is not { } until || !links.IsValid(attachmentId, until, sig))
            return Problems.Forbidden("This link is not valid, or it has expired; ask GET /api/attachments/{attachmentId} for a new one.");
        var file = await attachments.FindAsync(attachmentId);
        var content = file is null ? null : await attachments.OpenAsync(file, http.RequestAborted);
        if (file is null || content is null) throw NotFound(attachmentId);

        var headers = http.Response.Headers;
        var inline = download is not ("1" or "true") && AttachmentTypes.IsPicture(file.View.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.View.FileName);
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        // Nothing in a file runs: no script, no plugin, no form, even when opened directly.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";
        headers.CacheControl = $"private, max-age={links.SecondsLeft(until)}";
        return TypedResults.Stream(content, file.View.ContentType, enableRangeProcessing: true);
    }

    private static EngagementException NotFound(string attachmentId) => EngagementException.NotFound($"Attachment '{attachmentId}'");
}
