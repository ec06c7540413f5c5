using System.Globalization;
using System.Text;
using Orleans.Storage;

namespace Routing.Server.Cluster;

/// <summary>
/// Orleans' Azure Table grain storage keys a grain's row by <c>{ServiceId}_{grain id}</c> with <c>/ \ # ?</c> turned
/// into <c>_</c>, so tenant <c>acme</c>'s queue <c>east_sales</c> (<c>queue/acme/east_sales</c>) and tenant
/// <c>acme_east</c>'s queue <c>sales</c> (<c>queue/acme_east/sales</c>) would share one row: one tenant would read
/// the other's state. This gives it grain ids whose keys are percent-escaped first (<c>%</c>, <c>_</c>, the four
/// characters it replaces and control characters), so every grain keeps a row of its own.
/// </summary>
internal sealed class EscapedKeyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Escaped(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Escaped(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Escaped(grainId), grainState);

    /// <summary>The same grain type with its key escaped; distinct ids stay distinct after Orleans' replacement.</summary>
    public static GrainId Escaped(GrainId grainId) => GrainId.Create(grainId.Type, IdSpan.Create(Escape(grainId.Key.ToString()!)));

    /// <summary>Percent-encodes <c>% _ / \ # ?</c> and control characters (all below U+00A0, so two hex digits
    /// each). Since <c>%</c> itself is encoded, the result names one key only.</summary>
    public static string Escape(string key)
    {
        if (!key.Any(NeedsEscape))
        {
            return key;
        }
        var escaped = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            if (NeedsEscape(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => c is '%' or '_' or '/' or '\\' or '#' or '?' || char.IsControl(c);
}
