using Engagement.Api.Hosting;
using Engagement.Hosting;

namespace Engagement.Silo;

/// <summary>Composes one node: Orleans (clustering, storage, reminders, streams on PostgreSQL), grains and the API.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddEngagementSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddEngagementGrains(builder.Configuration);
        builder.Services.AddEngagementApi(builder.Configuration);
        // Orleans hosting (UseOrleans with AdoNet providers) is configured here.
        return builder;
    }
}
