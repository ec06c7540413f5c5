using System.Globalization;
using Routing.Core.Lifecycle;

namespace Routing.History.PersonalData;

/// <summary>What ties a ciphertext to its row (the AES-GCM associated data), and which timeline events carry personal data.</summary>
internal static class PersonalDataContext
{
    /// <summary>Events whose detail is a customer's number (the callback number).</summary>
    public static bool IsPersonal(InteractionEventKind kind) => kind == InteractionEventKind.CallbackRequested;

    public static string Of(InteractionRecord interaction) => $"interaction/{interaction.TenantId}/{interaction.InteractionId}";

    public static string Of(InteractionEventRecord stored) =>
        $"event/{stored.TenantId}/{stored.InteractionId}/{stored.Sequence.ToString(CultureInfo.InvariantCulture)}";
}
