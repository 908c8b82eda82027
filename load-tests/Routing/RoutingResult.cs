using System.Globalization;
using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Routing;

/// <summary>
/// What a routing run measured (docs/benchmarks.md, "Routing"). Times in seconds from the first arrival. The offer latency
/// (<see cref="OfferAfterFree"/>) is from the agentStatus event that showed an agent's closed session gone (the server's
/// own word that the slot is free) to the next offer reaching that agent, counted only when the agent had been full and
/// a session it could take was waiting unoffered (as the tool saw it); beside it, the same offers timed from the
/// CloseSession call's start and return (see <see cref="AgentLedger"/>). <see cref="Timeline"/> holds, per second:
/// StartSession answers, offers, accepts, closes.
/// </summary>
internal sealed record RoutingResult(
    int Agents, int Capacity, int Sessions, double ArrivalRate, int VisitorConnections, int AvailableAfter, string HandleTime, string[] Queues,
    double ArrivalsSeconds, double? AgentsAvailableAt, double? AgentsAvailableTook, double EndedAt,
    long Started, long StartFailures, long Offers, long Accepted, long Closed, long NeverOffered, long NeverAccepted, long AcceptedWithoutStart,
    long AcceptFailures, long CloseFailures, long OffersRevoked, long ConnectionsDropped,
    string? LastStartError, string? LastAcceptError, string? LastCloseError,
    AssignmentRate Assignments, LatencySummary OfferAfterFree, long OffersBeforeFreedEvent, LatencySummary OfferAfterCloseReturn, LatencySummary OfferAfterCloseStart,
    long OffersBeforeCloseReturned, int FreesUnanswered,
    LatencySummary StartToFirstOffer, LatencySummary StartSession, LatencySummary AcceptOffer, LatencySummary CloseSession,
    LatencySummary AnchorIdle, LatencySummary AnchorUnderLoad,
    long QueuePositionEvents, long OtherVisitorEvents, long AgentEvents,
    int[][] Timeline, string LoadBefore, string LoadAfter, int Cores, string CoresWhole, string? CoresWhileRouting)
{
    /// <summary>The issue's goals: 1,000 assignments/s (while the backlog lasts: the first 90 %), offer latency p99 under 20 ms from an agent freeing up.</summary>
    public bool MeetsGoals => Assignments.MeanTo90 >= 1000 && OfferAfterFree.P99 < 20;

    public long Errors => StartFailures + AcceptFailures + CloseFailures + NeverAccepted + ConnectionsDropped;

    public void Print(TextWriter o)
    {
        o.WriteLine($"routing: {Agents} agents × capacity {Capacity}, {Sessions} sessions arriving at {ArrivalRate:0.#}/s over {VisitorConnections} visitor connections, handle time {HandleTime}");
        o.WriteLine($"  queues: {string.Join("; ", Queues)}");
        o.WriteLine(AvailableAfter == 0
            ? $"  agents available from the start; arrivals took {ArrivalsSeconds:F1} s; ended at {EndedAt:F1} s"
            : $"  agents went available at {AgentsAvailableAt:F1} s (after {AvailableAfter} sessions were started; the SetStatus calls took {AgentsAvailableTook:F1} s); arrivals took {ArrivalsSeconds:F1} s; ended at {EndedAt:F1} s");
        o.WriteLine($"  sessions: started {Started:N0}, offers {Offers:N0}, accepted {Accepted:N0}, closed {Closed:N0}; never offered {NeverOffered}, never accepted {NeverAccepted}; " +
            $"{AcceptedWithoutStart} accepted although their StartSession failed (the server made them all the same)");
        o.WriteLine($"  errors: StartSession {StartFailures}, AcceptOffer {AcceptFailures}, CloseSession {CloseFailures}, offers revoked {OffersRevoked}, connections dropped {ConnectionsDropped}");
        foreach (var (what, error) in new[] { ("StartSession", LastStartError), ("AcceptOffer", LastAcceptError), ("CloseSession", LastCloseError) })
            if (error is not null) o.WriteLine($"    last {what} error: {error}");
        o.WriteLine($"  assignments/s: mean {Assignments.Mean:F0} over {Assignments.WindowSeconds:F1} s (first 90 %: {Assignments.MeanTo90:F0}/s), " +
            $"median second {Assignments.Median:F0}, peak second {Assignments.Peak}");
        o.WriteLine($"  offer after an agent freed up (agentStatus without the session → next offer): {OfferAfterFree}");
        o.WriteLine($"    the same offers from CloseSession's return: {OfferAfterCloseReturn}");
        o.WriteLine($"                   from CloseSession's start:  {OfferAfterCloseStart}");
        o.WriteLine($"    {OffersBeforeCloseReturned} arrived before CloseSession returned (0 from the return), {OffersBeforeFreedEvent} before the agentStatus " +
            $"(not in the first line); {FreesUnanswered} frees never got an offer");
        o.WriteLine($"  StartSession → first offer: {StartToFirstOffer}");
        o.WriteLine($"  hub calls: StartSession {StartSession}");
        o.WriteLine($"             AcceptOffer  {AcceptOffer}");
        o.WriteLine($"             CloseSession {CloseSession}");
        o.WriteLine($"  anchor (GetStatus round trip): idle {AnchorIdle}");
        o.WriteLine($"                                 under load {AnchorUnderLoad}");
        o.WriteLine($"  events received: queuePosition {QueuePositionEvents:N0} ({PerAssignment(QueuePositionEvents)} per assignment), other visitor {OtherVisitorEvents:N0}, agent {AgentEvents:N0}");
        o.WriteLine($"  machine: load average {LoadBefore} → {LoadAfter} on {Cores} cores; cores over the run: {CoresWhole}");
        if (CoresWhileRouting is not null) o.WriteLine($"    while the agents were available: {CoresWhileRouting}");
        o.WriteLine($"  goals (1,000 assignments/s, offer p99 < 20 ms): {(MeetsGoals ? "met" : "NOT met")}");
    }

    /// <summary>A row for the table in docs/benchmarks.md.</summary>
    public string MarkdownRow(string command) => string.Create(CultureInfo.InvariantCulture,
        $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {Agents} × {Capacity}, {Sessions} at {ArrivalRate:0.#}/s, " +
        $"{(AvailableAfter == 0 ? "flow" : $"backlog {AvailableAfter}")} | {Assignments.MeanTo90:F0} / {Assignments.Mean:F0} / {Assignments.Peak} | " +
        $"{OfferAfterFree.P50:F1} / {OfferAfterFree.P90:F1} / {OfferAfterFree.P99:F1} / {OfferAfterFree.Max:F1} (n={OfferAfterFree.Count}) | " +
        $"{OfferAfterCloseStart.P50:F1} / {OfferAfterCloseStart.P99:F1} | " +
        $"{StartToFirstOffer.P50:F0} / {StartToFirstOffer.P99:F0} | {Errors} | {AnchorIdle.P99:F1} / {AnchorUnderLoad.P50:F1} / {AnchorUnderLoad.P99:F1} | " +
        $"{LoadBefore} → {LoadAfter} | {CoresWhileRouting ?? CoresWhole} | `{command}` |");

    public async Task WriteJsonAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    private string PerAssignment(long events) => Accepted == 0 ? "–" : (events / (double)Accepted).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The cores of a window, as one short text: the benchmark's trees, everything else, stolen.</summary>
    public static string CoresText(CpuShare cpu) => double.IsNaN(cpu.Ours) ? "–" : string.Create(CultureInfo.InvariantCulture,
        $"{string.Join(", ", cpu.Trees.Select(t => $"{t.Name} {t.Cores:F2}"))}; others {cpu.Others:F2}, stolen {cpu.Steal:F2}");
}
