using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Api.Audit;
using Engagement.Api.Auth;
using Engagement.Api.Validation;
using Engagement.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Engagement.Api.Endpoints.Widget;

/// <summary>
/// The widget's appearance and texts. Anyone reads them (the widget does on every page, before it has a visitor
/// token, and they are shown to every visitor anyway); admins replace them.
/// </summary>
internal static class WidgetSettingsEndpoints
{
    public static IEndpointRouteBuilder MapWidgetSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/widget/settings").WithTags("Widget");
        group.MapGet("/", Get).AllowAnonymous().WithSummary("The widget's appearance and texts; null texts are the widget's defaults.");
        group.MapPut("/", Put).RequireAuthorization(Policies.Admin)
            .Audited(AuditActions.WidgetConfigure, "widget", null, "brandColor", "position")
            .WithSummary("Replaces the widget's appearance and texts.");
        return routes;
    }

    private static async Task<IResult> Get(HttpContext context, IGrainFactory grains)
    {
        var settings = await grains.GetWidgetSettings().Get();
        // Every page view of every site asks: the browser keeps the answer and revalidates it (a 304 without a body),
        // so an admin's change shows on the next page.
        var json = JsonSerializer.SerializeToUtf8Bytes(settings, JsonSerializerOptions.Web);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(json))[..16]}\"";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        context.Response.Headers[HeaderNames.ETag] = etag;
        if (context.Request.Headers[HeaderNames.IfNoneMatch].Any(v => v == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Ok(settings);
    }

    private static async Task<IResult> Put(WidgetSettingsRequest? request, IGrainFactory grains)
    {
        if (request is null) throw new InputException("settings", "Send the settings as a JSON object.");
        return Results.Ok(await grains.GetWidgetSettings().Set(Validate(request)));
    }

    /// <summary>Throws <see cref="InputException"/> naming the field unless every value is acceptable; blank texts become null.</summary>
    internal static WidgetSettings Validate(WidgetSettingsRequest request) => new(
        Colour(request.BrandColor),
        request.Position?.Trim() switch
        {
            null or "" or WidgetSettings.PositionRight => WidgetSettings.PositionRight,
            WidgetSettings.PositionLeft => WidgetSettings.PositionLeft,
            _ => throw new InputException("position", "position is \"left\" or \"right\"."),
        },
        InputRules.OptionalText(request.HeaderName, Limits.WidgetHeading, "headerName"),
        InputRules.OptionalText(request.GreetingTitle, Limits.WidgetHeading, "greetingTitle"),
        InputRules.OptionalText(request.GreetingText, Limits.WidgetText, "greetingText"),
        InputRules.OptionalText(request.StartLabel, Limits.WidgetHeading, "startLabel"),
        InputRules.OptionalText(request.OfflineText, Limits.WidgetText, "offlineText"),
        InputRules.OptionalText(request.ClosedText, Limits.WidgetText, "closedText"));

    /// <summary>"#rrggbb", stored in lower case; blank is the widget's own colour.</summary>
    private static string? Colour(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length != 7 || trimmed[0] != '#' || !trimmed.Skip(1).All(char.IsAsciiHexDigit))
            throw new InputException("brandColor", "brandColor is a colour written #rrggbb (e.g. #0f766e).");
        return trimmed.ToLowerInvariant();
    }
}
