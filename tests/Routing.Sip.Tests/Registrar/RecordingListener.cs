using System.Threading.Channels;
using Routing.Sip.Registrar;

namespace Routing.Sip.Tests.Registrar;

/// <summary>Keeps every binding change the registrar reports, in order.</summary>
internal sealed class RecordingListener : ISipRegistrationListener
{
    private readonly Channel<(string AddressOfRecord, IReadOnlyList<SipBinding> Bindings)> _changes =
        Channel.CreateUnbounded<(string, IReadOnlyList<SipBinding>)>();

    public void OnBindingsChanged(string addressOfRecord, IReadOnlyList<SipBinding> bindings) =>
        _changes.Writer.TryWrite((addressOfRecord, bindings));

    /// <summary>The next change, or a failure after 10 s.</summary>
    public async Task<(string AddressOfRecord, IReadOnlyList<SipBinding> Bindings)> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _changes.Reader.ReadAsync(deadline.Token);
    }

    public bool HasMore => _changes.Reader.TryPeek(out _);
}
