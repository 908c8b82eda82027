using System.Diagnostics;
using OpenTelemetry;
using Orleans.Diagnostics;

namespace Engagement.Api.Telemetry;

/// <summary>
/// Drops the traces that polling loops start: a query (Npgsql) or an Orleans system-target call (membership probes,
/// the directory, stream pulling agents reading PostgreSQL every few hundred milliseconds) that has no parent is nobody's
/// request, and would outnumber every trace that is. Dropped when it starts, so its children are not recorded either
/// (they follow their parent's decision). The same query or system call inside a request's trace is kept.
/// </summary>
internal sealed class BackgroundSpanFilter : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.Parent is not null || data.ParentSpanId != default) return;
        if (data.Source.Name is not ("Npgsql" or ActivitySources.RuntimeActivitySourceName)) return;
        data.IsAllDataRequested = false;
        data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }
}
