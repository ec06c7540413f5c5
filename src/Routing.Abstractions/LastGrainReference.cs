namespace Routing.Abstractions;

/// <summary>
/// The reference a caller made last, kept for its next call with the same key. Making a reference composes the
/// grain's key, its id's bytes and a proxy (about 2 % of what the server allocates per interaction), while an
/// interaction talks to one queue and one agent at a time and an agent's app acts on one interaction several times.
/// Not thread-safe: for one grain activation or one stream's command loop.
/// </summary>
public sealed class LastGrainReference<T>(Func<string, T> make)
    where T : class
{
    private string? _key;
    private T? _reference;

    /// <summary>The reference for <paramref name="key"/>: the kept one when the key is the last one asked for.</summary>
    public T For(string key)
    {
        if (_reference is not null && string.Equals(_key, key, StringComparison.Ordinal))
        {
            return _reference;
        }
        _reference = make(key);
        _key = key;
        return _reference;
    }
}
