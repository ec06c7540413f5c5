using Routing.Core.Lifecycle;
using Xunit;

namespace Routing.Core.Tests.Lifecycle;

/// <summary>An interaction's stored state as the tests hold it, with a picture of it to show a refusal changed nothing.</summary>
internal sealed class CaseState : IInteractionCaseState
{
    public InteractionStatus Status { get; set; }
    public string? AgentId { get; set; }
    public int OfferAttempts { get; set; }
    public DateTimeOffset? OfferDeadline { get; set; }
    public DateTimeOffset? WrapUpDeadline { get; set; }
    public DateTimeOffset? WaitDeadline { get; set; }
    public Disposition? Disposition { get; set; }
    public List<InteractionLeg> Legs { get; } = [];
    public int OverflowHops { get; set; }
    public string? QueueId { get; set; }
    public DateTimeOffset Arrival { get; set; }
    public Channel CreatedChannel { get; set; } = Channel.Voice;
    public string? CallbackNumber { get; set; }
    public string? TransferredFromAgentId { get; set; }
    public PendingTransfer? Transfer { get; set; }
    public OfferRequest? Terms { get; set; }
    public int? Priority { get; set; }
    public int CreatedPriority { get; set; }
    public string CreatedQueueId { get; set; } = "sales";

    /// <summary>Asserts that <paramref name="transition"/> is refused with <paramref name="kind"/> and
    /// <paramref name="message"/>, asks for nothing and leaves this state as it was.</summary>
    public void AssertRefusedUnchanged(InteractionRefusalKind kind, string message, Func<InteractionTransition> transition)
    {
        var before = Picture();

        var result = transition();

        Assert.False(result.Accepted);
        Assert.Equal(new InteractionRefusal(kind, message), result.Refusal);
        Assert.Equal(InteractionEffects.None, result.Effects);
        Assert.Empty(result.Notes);
        Assert.Equal(before, Picture());
    }

    /// <summary>Everything the state holds, in one comparable value.</summary>
    public string Picture() =>
        $"{Status} agent {AgentId} attempts {OfferAttempts} offer {OfferDeadline:O} wrap-up {WrapUpDeadline:O} wait {WaitDeadline:O} "
        + $"disposition {Disposition} hops {OverflowHops} queue {QueueId} arrival {Arrival:O} {CreatedChannel} callback {CallbackNumber} from {TransferredFromAgentId} "
        + $"transfer {Transfer} terms {Terms} priority {Priority} legs " + string.Join(", ", Legs);
}
