namespace Engagement.Api.Endpoints.Reports;

/// <summary>Names report rows as the queues and agents are called now; a row whose queue or agent is gone keeps its id.</summary>
internal static class ReportNames
{
    public static async Task<ReportRow[]> QueuesAsync(IGrainFactory grains, ReportRow[] rows) =>
        await Task.WhenAll(rows.Select(async row => row with { Name = (await grains.GetQueue(row.Id).GetDefinition())?.Name ?? row.Id }));

    public static async Task<ReportRow[]> AgentsAsync(IGrainFactory grains, ReportRow[] rows) =>
        await Task.WhenAll(rows.Select(async row => row with { Name = (await grains.GetAgent(row.Id).GetProfile())?.DisplayName ?? row.Id }));
}
