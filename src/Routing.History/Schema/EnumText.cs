using System.Collections.Frozen;

namespace Routing.History.Schema;

/// <summary>An enum value's name, looked up rather than formatted: <c>ToString()</c> on an enum boxes it, once per
/// stored row and column. A value without a name falls back to <c>ToString()</c>.</summary>
internal static class EnumText<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => value.ToString());

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
}
