using Engagement.Api.Hosting;
using Engagement.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagementSilo();

var app = builder.Build();
app.MapEngagementApi();
app.Run();
