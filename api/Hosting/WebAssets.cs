using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Engagement.Api.Hosting;

/// <summary>
/// Serves the web front ends built from web/ (see web/build.mjs): the sample site at "/", the visitor
/// widget at "/widget.js", the agent workspace at "/workspace/", the admin pages at "/admin/" and the supervisor dashboard at
/// "/dashboard/". The build output is copied next to the assembly ("web/", Engagement.Api.csproj);
/// "Engagement:Web:Root" points elsewhere (e.g. web/dist while working on the front end).
/// </summary>
public static class WebAssets
{
    public const string RootKey = "Engagement:Web:Root";
    public const string DefaultFolder = "web";

    public static WebApplication UseEngagementWeb(this WebApplication app)
    {
        var configured = app.Configuration[RootKey];
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, DefaultFolder) : configured);
        if (!File.Exists(Path.Combine(root, "widget.js")))
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAssets))
                .LogWarning("No web front ends in {Root}: build them with ./engage up (npm ci and npm run build in web/).", root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        // "/pricing" redirects to "/pricing/", which serves pricing/index.html.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".map"] = "application/json";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                // Fonts never change; pages, scripts and styles keep their names across builds, so browsers
                // revalidate them (ETag) and a new build is picked up at once.
                var immutable = context.File.Name.EndsWith(".woff2", StringComparison.Ordinal);
                context.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=604800" : "no-cache";
                context.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
        return app;
    }
}
