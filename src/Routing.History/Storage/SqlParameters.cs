namespace Routing.History.Storage;

/// <summary>The parameters of one query as it is built: each value gets a name of its own.</summary>
internal sealed class SqlParameters
{
    public Dictionary<string, object> Values { get; } = [];

    /// <summary>Adds <paramref name="value"/> and returns its placeholder (<c>@p3</c>).</summary>
    public string Add(object value)
    {
        var name = $"p{Values.Count}";
        Values[name] = value;
        return "@" + name;
    }

    /// <summary>A placeholder list for an <c>IN (…)</c>.</summary>
    public string AddList(IEnumerable<string> values) => string.Join(", ", values.Select(Add));
}
