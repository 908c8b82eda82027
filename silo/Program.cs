using Engagement.Api.Drain;
using Engagement.Api.Hosting;
using Engagement.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagementSilo();
builder.Services.AddDrainOnSignals();
builder.Services.AddSingleton<PauseMonitor>();
builder.Services.AddHostedService(services => services.GetRequiredService<PauseMonitor>());

var app = builder.Build();
app.MapEngagementApi();
app.Run();
