using Engagement.Api.Endpoints.Attachments;
using Engagement.Api.Endpoints.CannedResponses;
using Engagement.Api.Endpoints.Channels;
using Engagement.Api.Endpoints.Contacts;
using Engagement.Api.Endpoints.Privacy;
using Engagement.Api.Endpoints.Reports;
using Engagement.Api.Endpoints.Conversations;
using Engagement.Api.Endpoints.Dashboard;
using Engagement.Api.Endpoints.Directory;
using Engagement.Api.Endpoints.Widget;
using Engagement.Api.Endpoints.Workspace;
using Engagement.Api.Seed;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Api.Hosting;

/// <summary>The REST side of the read models and the workspace: team directory, dashboard, reports, canned responses, the widget's settings, notes, ratings, history, the shared inbox, contacts.</summary>
public static class BoardsApiExtensions
{
    public static IServiceCollection AddEngagementBoardsApi(this IServiceCollection services)
    {
        services.AddOptions<CannedResponseSeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddHostedService<CannedResponseSeeder>();
        return services;
    }

    public static WebApplication MapEngagementBoardsApi(this WebApplication app)
    {
        app.MapDirectoryEndpoints();
        app.MapDashboardEndpoints();
        app.MapReportEndpoints();
        app.MapCannedResponseEndpoints();
        app.MapWidgetSettingsEndpoints();
        app.MapWorkspaceEndpoints();
        app.MapConversationEndpoints();
        app.MapContactEndpoints();
        app.MapChannelEndpoints();
        app.MapAttachmentEndpoints();
        app.MapErasureEndpoints();
        return app;
    }
}
