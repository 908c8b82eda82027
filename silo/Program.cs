using Engagement.Api.Drain;
using Engagement.Api.Hosting;
using Engagement.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagementSilo();
// SIGTERM drains the node before the host stops (api/Drain/NodeDrain.cs says why the order matters).
builder.Services.AddSingleton<IHostLifetime, DrainOnSigtermLifetime>();

var app = builder.Build();
app.MapEngagementApi();
app.Run();
