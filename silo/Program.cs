using Engagement.Api.Drain;
using Engagement.Api.Hosting;
using Engagement.Api.Telemetry;
using Engagement.Silo;

if (HealthCheckCommand.IsRequested(args)) return await HealthCheckCommand.RunAsync(args);

return ConfigurationErrors.Run(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddEngagementSilo();
    builder.Services.AddDrainOnSignals();
    builder.Services.AddPauseMonitor();

    var app = builder.Build();
    app.CheckSettings();
    app.UseEngagementTelemetry();
    app.MapEngagementApi();
    app.MapEngagementOrleansDashboard();
    app.Run();
});
