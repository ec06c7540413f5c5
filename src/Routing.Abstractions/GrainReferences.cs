namespace Routing.Abstractions;

/// <summary>
/// Grain references by string key without Orleans' per-call type resolution. <c>GetGrain&lt;T&gt;(string)</c>
/// resolves the interface and grain type by reflection on every call (custom attributes, ~3 % of the
/// server's CPU under load); the resolved pair is the same for every key, so it is resolved once per
/// interface and then references are made straight from a <see cref="GrainId"/>.
/// </summary>
/// <remarks>A grain with a public interface and a protocol interface (<c>IAgentGrain</c> and <c>IAgentRouting</c>)
/// has one pair per interface: both share the grain type, and each reference carries the interface it was
/// asked for, since Orleans' reference for one interface does not implement the other.</remarks>
internal static class GrainReferences
{
    public static T Get<T>(IGrainFactory factory, string key)
        where T : IGrainWithStringKey
    {
        if (Volatile.Read(ref Resolved<T>.Types) is { } types)
        {
            return (T)factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }
        var reference = factory.GetGrain<T>(key);
        if (reference is GrainReference { GrainId.Type: var grainType, InterfaceType: var interfaceType } && !IsStub(grainType))
        {
            Volatile.Write(ref Resolved<T>.Types, new ResolvedTypes(grainType, interfaceType));
        }
        return reference;
    }

    /// <summary>A placeholder type Orleans uses before the cluster's type map is known: never cached.</summary>
    private static bool IsStub(GrainType grainType) => grainType.ToString()!.StartsWith("sys.", StringComparison.Ordinal);

    /// <summary>One object, published whole: a reader never sees a grain type without its interface type.</summary>
    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class Resolved<T>
    {
        public static ResolvedTypes? Types;
    }
}
