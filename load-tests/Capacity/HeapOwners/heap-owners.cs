// Which components hold a connection's managed memory (docs/benchmarks.md, "Connections per node").
// A .NET file-based app (excluded from the load tool's build):
//   dotnet run load-tests/Capacity/HeapOwners/heap-owners.cs -- SMALL.dmp LARGE.dmp CONNECTIONS
// SMALL and LARGE are heap dumps of the silo (dotnet-dump collect --type Heap) with fewer and more connections,
// CONNECTIONS the difference. Every live object (reachable from the roots, breadth-first) is charged to its nearest
// ancestor on that path whose type is not a BCL collection or primitive; LARGE minus SMALL, divided by CONNECTIONS,
// is the slope per connection, by owner type and by component. Reads dumps of this machine's runtime (its DAC).
#:package Microsoft.Diagnostics.Runtime
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.Runtime;

if (args.Length != 3 || !int.TryParse(args[2], out var connections) || connections <= 0)
{
    Console.Error.WriteLine("usage: heap-owners.cs SMALL.dmp LARGE.dmp CONNECTIONS");
    return 2;
}
var small = Owners(args[0]);
var large = Owners(args[1]);
var slope = large.Keys.Union(small.Keys)
    .Select(owner => (Owner: owner, Bytes: (large.GetValueOrDefault(owner) - small.GetValueOrDefault(owner)) / (double)connections))
    .ToList();

// The components of docs/benchmarks.md's table, first match wins.
(string Name, Regex Owner)[] components =
[
    ("authentication", new(@"^(System\.Security\.Claims|Microsoft\.(IdentityModel|AspNetCore\.Authentication|AspNetCore\.Authorization))")),
    ("SignalR transport", new(@"^(System\.Net\.WebSockets|Microsoft\.AspNetCore\.(Http\.Connections|WebSockets))")),
    ("Kestrel", new(@"^(System\.Net\.Sockets|Microsoft\.AspNetCore\.(Server\.Kestrel|MemoryPoolBlock|Connections\.|Internal\.AdaptiveCapacity))")),
    ("SignalR hub", new(@"^Microsoft\.AspNetCore\.SignalR")),
    ("HttpContext, DI scope, logging", new(@"^(System\.Diagnostics\.Activity|Microsoft\.(AspNetCore\.(Hosting|Http)|Extensions\.(DependencyInjection|Logging)))")),
    ("our bookkeeping (api/Realtime)", new(@"^Engagement\.Api")),
    ("customer grain itself", new(@"^Engagement\.")),
    ("Orleans activation", new(@"^Orleans")),
];
foreach (var group in slope.GroupBy(s => components.FirstOrDefault(c => c.Owner.IsMatch(s.Owner)).Name ?? "other").OrderByDescending(g => g.Sum(s => s.Bytes)))
{
    Console.WriteLine($"{group.Sum(s => s.Bytes),8:0} B  {group.Key}");
    foreach (var (owner, bytes) in group.OrderByDescending(s => s.Bytes).Take(6))
        Console.WriteLine($"      {bytes,8:0}  {owner}");
}
Console.WriteLine($"{slope.Sum(s => s.Bytes),8:0} B  managed, live, per connection");
return 0;

static Dictionary<string, long> Owners(string dump)
{
    using var target = DataTarget.LoadDump(dump);
    var dac = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), OperatingSystem.IsWindows() ? "mscordaccore.dll" : "libmscordaccore.so");
    using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
    var heap = runtime.Heap;
    var parent = new Dictionary<ulong, ulong>();
    var queue = new Queue<ulong>();
    foreach (var root in heap.EnumerateRoots())
    {
        var address = root.Object.Address;
        if (address != 0 && parent.TryAdd(address, 0)) queue.Enqueue(address);
    }
    while (queue.TryDequeue(out var address))
    {
        var obj = heap.GetObject(address);
        if (!obj.IsValid) continue;
        foreach (var child in obj.EnumerateReferenceAddresses(carefully: true))
            if (child != 0 && parent.TryAdd(child, address)) queue.Enqueue(child);
    }

    // Types that stand for a component although the BCL defines them.
    static bool Anchors(string name) => name is "System.Security.Claims.ClaimsPrincipal" or "System.Net.WebSockets.ManagedWebSocket"
        or "System.Diagnostics.Activity" or "System.Net.Sockets.Socket";
    static bool Charged(string name) => !(name.StartsWith("System.", StringComparison.Ordinal) || name == "Free"
        || name.StartsWith("Microsoft.Extensions.Primitives", StringComparison.Ordinal)) || Anchors(name);
    string TypeName(ulong address) => heap.GetObjectType(address)?.Name ?? "?";

    var owner = new Dictionary<ulong, string>();
    string OwnerOf(ulong address)
    {
        var path = new List<ulong>();
        var found = "(root)";
        for (var current = address; current != 0; current = parent[current])
        {
            if (owner.TryGetValue(current, out var known)) { found = known; break; }
            path.Add(current);
            if (Charged(TypeName(current))) { found = TypeName(current); break; }
        }
        foreach (var a in path) owner[a] = found;
        return found;
    }

    var bytes = new Dictionary<string, long>();
    foreach (var address in parent.Keys)
    {
        var obj = heap.GetObject(address);
        if (!obj.IsValid) continue;
        var name = OwnerOf(address);
        bytes[name] = bytes.GetValueOrDefault(name) + (long)obj.Size;
    }
    return bytes;
}
