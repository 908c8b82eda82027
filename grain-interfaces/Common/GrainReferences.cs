using Orleans.Runtime;

namespace Engagement;

/// <summary>
/// Grain references by string key without Orleans' per-call type resolution. <c>GetGrain&lt;T&gt;(string)</c>
/// resolves the interface's <see cref="GrainInterfaceType"/> by reading its custom attributes on every call
/// (the resolver keeps no cache); on the chat path that was about 5% of a silo's CPU. Here the grain type and
/// interface type are resolved once per interface (the first time, through the normal path) and every later
/// reference is made from a <see cref="GrainId"/> directly. Both types are fixed by the compiled interface and
/// grain classes, so one resolution serves every factory in the process.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of interface <typeparamref name="T"/> with the given string key.</summary>
    public static T Reference<T>(this IGrainFactory factory, string key) where T : IGrainWithStringKey
    {
        var types = TypesOf<T>.Get(factory);
        return (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    // A class, not a tuple: publishing it is one reference write, so no thread sees half of it.
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

    private static class TypesOf<T> where T : IGrainWithStringKey
    {
        private static Types? _types;

        public static Types Get(IGrainFactory factory)
        {
            if (Volatile.Read(ref _types) is { } known) return known;
            var probe = (GrainReference)(object)factory.GetGrain<T>("type-probe");
            var types = new Types(probe.GrainId.Type, probe.InterfaceType);
            Volatile.Write(ref _types, types);
            return types;
        }
    }
}
