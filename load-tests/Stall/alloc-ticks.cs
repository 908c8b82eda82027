// Groups a silo's GC allocation ticks by type, and by where our code allocated them (docs/benchmarks.md, "Where the
// time goes", "Allocations per message"). A .NET file-based app (excluded from the load tool's build), run by allocs.sh:
//   dotnet run load-tests/Stall/alloc-ticks.cs -- TRACE.nettrace COUNTERS.csv [TOP [TYPE-SUBSTRING]]
// With TYPE-SUBSTRING it also prints the commonest stacks (20 frames) that allocated types containing it.
// Written by hand because no tool here does it offline: `dotnet-trace report` prints CPU stacks only, PerfView is
// Windows-only, and `dotnet-gcdump` sees what survives, not what was allocated. The runtime raises one
// GCAllocationTick (with the type and the allocating stack) per ~100 KB allocated on each heap, so a type's summed
// tick amounts estimate its bytes; divided by the messages committed in the same seconds (the silo's
// engagement.transcript.appends, from dotnet-counters beside the trace) that is its bytes per message.
#:package Microsoft.Diagnostics.Tracing.TraceEvent
using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

var tracePath = args[0];
var countersPath = args[1];
var top = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 25;
var stacksOf = args.Length > 3 ? args[3] : null;

var messagesPerSecond = CommittedPerSecond(countersPath);
var etlx = TraceLog.CreateFromEventPipeDataFile(tracePath, null, new TraceLogOptions { ContinueOnError = true });
using var log = new TraceLog(etlx);

var byType = new Dictionary<string, Tally>();
var bySite = new Dictionary<string, Tally>();
var byOurs = new Dictionary<string, Tally>();
var byTypeAndSite = new Dictionary<(string, string), Tally>();
var stacks = new Dictionary<string, Tally>();
long total = 0, ticks = 0;
double first = double.NaN, last = 0;
foreach (var e in log.Events)
{
    if (e is not GCAllocationTickTraceData tick) continue;
    var bytes = tick.AllocationAmount64 > 0 ? tick.AllocationAmount64 : tick.AllocationAmount;
    var type = string.IsNullOrEmpty(tick.TypeName) ? "?" : tick.TypeName;
    var stack = tick.CallStack();
    var (site, ours) = SitesOf(stack);
    Add(byType, type, bytes);
    Add(bySite, site, bytes);
    Add(byOurs, ours, bytes);
    Add(byTypeAndSite, (type, site == ours ? site : $"{site} <- {ours}"), bytes);
    if (stacksOf is not null && type.Contains(stacksOf, StringComparison.Ordinal)) Add(stacks, $"{type}\n{StackText(stack)}", bytes);
    total += bytes;
    ticks++;
    if (double.IsNaN(first)) first = e.TimeStampRelativeMSec;
    last = e.TimeStampRelativeMSec;
}

var seconds = (last - first) / 1000;
if (ticks < 2 || seconds <= 0) { Console.WriteLine("no allocation ticks in the trace"); return 1; }
var messages = messagesPerSecond * seconds;
Console.WriteLine($"{ticks:N0} allocation ticks in {seconds:F1} s, {total / seconds / 1e6:F1} MB/s; {messagesPerSecond:F0} messages committed/s");
Console.WriteLine($"=> {total / messages / 1024:F1} KiB allocated per message (ticks), {ticks / messages:F3} ticks per message\n");
Print("type", byType);
Print("allocated by (the first frame outside the core library)", bySite);
Print("under (the first frame of ours)", byOurs);
Print("type @ allocated by <- under", byTypeAndSite.ToDictionary(kv => $"{kv.Key.Item1} @ {kv.Key.Item2}", kv => kv.Value));
if (stacksOf is not null) Print($"stacks of {stacksOf}", stacks);
return 0;

void Print(string title, Dictionary<string, Tally> tallies)
{
    Console.WriteLine($"{"share",6} {"B/msg",7} {"ticks",6}  {title}");
    foreach (var (name, t) in tallies.OrderByDescending(kv => kv.Value.Bytes).Take(top))
        Console.WriteLine($"{100.0 * t.Bytes / total,5:F1}% {t.Bytes / messages,7:F0} {t.Ticks,6}  {name}");
    Console.WriteLine();
}

static void Add<TKey>(Dictionary<TKey, Tally> tallies, TKey key, long bytes) where TKey : notnull
{
    tallies.TryGetValue(key, out var t);
    tallies[key] = new Tally(t.Ticks + 1, t.Bytes + bytes);
}

// The first frame outside the core library says whose code made the garbage (ours, SignalR's, Npgsql's, Orleans');
// the first frame of ours says which of our lines it came under (a filter of ours wraps most of Orleans' work).
static (string Site, string Ours) SitesOf(TraceCallStack? stack)
{
    string? site = null;
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var method = frame.CodeAddress.FullMethodName;
        var module = frame.CodeAddress.ModuleName;
        if (string.IsNullOrEmpty(method)) continue;
        var name = $"{Short(method)} [{module}]";
        if (module.StartsWith("Engagement", StringComparison.Ordinal)) return (site ?? name, name);
        if (site is null && !IsCoreLibrary(module)) site = name;
    }
    return (site ?? "(core library only, or no stack)", "(none of ours)");
}

static bool IsCoreLibrary(string module) =>
    module is "System.Private.CoreLib" or "System.Runtime" or "System.Collections" or "System.Linq" or "System.Memory" or "System.Collections.Concurrent";

static string StackText(TraceCallStack? stack)
{
    var lines = new List<string>();
    for (var frame = stack; frame is not null && lines.Count < 20; frame = frame.Caller)
        lines.Add($"      {Short(frame.CodeAddress.FullMethodName)} [{frame.CodeAddress.ModuleName}]");
    return string.Join('\n', lines);
}

// Method names carry full signatures; the name up to its parameter list is enough to find the line.
static string Short(string method)
{
    var paren = method.IndexOf('(');
    return paren > 0 ? method[..paren] : method;
}

// Mean rate of engagement.transcript.appends over the seconds that committed anything.
static double CommittedPerSecond(string csv)
{
    var rates = File.ReadLines(csv)
        .Where(l => l.Contains("engagement.transcript.appends", StringComparison.Ordinal))
        .Select(l => double.Parse(l[(l.LastIndexOf(',') + 1)..], CultureInfo.InvariantCulture))
        .Where(r => r > 0)
        .ToList();
    if (rates.Count == 0) throw new InvalidOperationException($"no messages committed in {csv}");
    return rates.Average();
}

readonly record struct Tally(long Ticks, long Bytes);
