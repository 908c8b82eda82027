using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;
using Microsoft.AspNetCore.Http;

namespace Engagement.Api.Endpoints.Attachments;

/// <summary>Reads the one file of an upload (multipart/form-data, field "file") and answers what became of it.</summary>
internal static class AttachmentUpload
{
    public const string Field = "file";

    /// <returns>201 with the stored file's view; 415 for a body that is not a form or a file type not taken; 413 over the size limit.</returns>
    public static async Task<IResult> ReadAsync(HttpRequest request, Func<IFormFile, Task<AttachmentView>> store)
    {
        if (!request.HasFormContentType)
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type",
                $"Send the file as multipart/form-data, in the field '{Field}'.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var file = form.Files.GetFile(Field) ?? throw new InputException(Field, $"{Field} is required: one file in the multipart field '{Field}'.");
        try
        {
            var view = await store(file);
            return TypedResults.Created($"/api/attachments/{view.AttachmentId}", view);
        }
        catch (AttachmentRefusedException refused)
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type", refused.Message);
        }
        catch (EngagementException e) when (e.Code == ErrorCodes.TooLarge)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, "Too large", e.Message);
        }
    }
}
