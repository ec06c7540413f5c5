using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.Abstractions.Agents;

namespace Routing.Grains.Agents;

/// <summary>
/// The agent's history (login, break and handling-time reports) is kept apart from the routing state. The
/// newest entries (fewer than <see cref="HistoryPageSize"/>) are in the agent's own history state, written
/// alongside each (coalesced) write of the agent's routing state, with no timer of its own, and when the
/// grain deactivates; each full page is sealed
/// into an <see cref="AgentHistoryPageGrain"/> and written once. So a write carries at most one page,
/// however long the agent's day: kept in the routing state, the whole day rode in every agent write (the
/// round-trip benchmark allocated 1.24 MB per call, Redis would have moved ~100 KB per write late in a day).
/// The newest <see cref="MaxHistoryEntries"/> entries are kept; older pages are cleared. A crash can lose
/// what the last background write window held, nothing that routing depends on.
/// </summary>
internal sealed partial class AgentGrain
{
    private const int HistoryPageSize = 50;
    private readonly IPersistentState<AgentHistoryState> _history;
    private readonly StateWriter<AgentHistoryState> _historyWriter;
    /// <summary>The history write under way, if any.</summary>
    private Task? _historyFlush;
    private bool _historyUnwritten;

    /// <summary>Reads the sealed pages (grains that call nothing) and the current one: a read-only exception
    /// to "atomic methods await no grain", with no way to form a call cycle.</summary>
    public async Task<AgentStateEntry[]> GetHistory()
    {
        var current = _history.State.Entries.ToArray();
        var sealedPages = _history.State.SealedPages;
        var kept = (int)Math.Min(sealedPages, MaxHistoryEntries / HistoryPageSize);
        var pages = await Task.WhenAll(Enumerable.Range(0, kept).Select(i => HistoryPage(sealedPages - kept + i).Read()));
        var all = pages.SelectMany(p => p).Concat(current).ToArray();
        return all.Length > MaxHistoryEntries ? all[^MaxHistoryEntries..] : all;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ForgetState();
        RecordIntervals();
        await _writer.FlushAsync(reason);
        FlushHistorySoon();
        if (_historyFlush is { } flush)
        {
            await flush;
        }
        await _historyWriter.FlushAsync(reason);
    }

    /// <summary>Adds an entry; it is written with the agent's next (coalesced) state write.</summary>
    private void AppendHistory(AgentStateEntry entry)
    {
        // Recorded in the history store by the caller, once for all the entries of one transition (RecordIntervals).
        _history.State.Entries.Add(entry);
        _historyUnwritten = true;
        _writer.Schedule();
    }

    /// <summary>Called before each write of the agent's routing state: writes the history alongside it
    /// unless a history write is already under way (which then also writes the new entries).</summary>
    private void FlushHistorySoon()
    {
        if (_historyUnwritten && _historyFlush is not { IsCompleted: false })
        {
            _historyFlush = FlushHistoryAsync();
        }
    }

    private IAgentHistoryPageGrain HistoryPage(long number) =>
        GrainFactory.GetGrain<IAgentHistoryPageGrain>($"{this.GetPrimaryKeyString()}/{number}");

    private async Task FlushHistoryAsync()
    {
        while (_historyUnwritten)
        {
            _historyUnwritten = false;
            await WriteHistoryAsync();
        }
    }

    private async Task WriteHistoryAsync()
    {
        try
        {
            var history = _history.State;
            while (history.Entries.Count >= HistoryPageSize)
            {
                var page = history.Entries.GetRange(0, HistoryPageSize).ToArray();
                await HistoryPage(history.SealedPages).Store(page);
                history.Entries.RemoveRange(0, HistoryPageSize);
                _sealedTail = page[^1];
                history.SealedPages++;
                var expired = history.SealedPages - (MaxHistoryEntries / HistoryPageSize) - 1;
                if (expired >= 0)
                {
                    _ = HistoryPage(expired).Clear();
                }
            }
            await _historyWriter.WriteAsync();
        }
        catch (Exception exception)
        {
            GrainLog.StateWriteFailed(_logger, exception, this.GetPrimaryKeyString() + " (history)");
        }
    }
}

/// <summary>The agent's newest history entries (the page being filled), stored apart from its routing state.</summary>
[GenerateSerializer, Alias("routing.agent-history")]
public sealed class AgentHistoryState
{
    [Id(0)] public List<AgentStateEntry> Entries { get; set; } = [];
    /// <summary>Pages sealed so far (numbered from 0); the newest ones are kept.</summary>
    [Id(1)] public long SealedPages { get; set; }
}
