using Routing.Grains.History;
using Routing.History;

namespace Routing.Server.Edge.Supervisors;

/// <summary>
/// Records in the history store what a supervisor forced, once the grain has done it: who (the token's subject), what,
/// to which agent or interaction, when. Never waits: a refusal (the recorder's queue full) is logged. The action also
/// shows in the target's own history (its events or state intervals), which the grains record at least once.
/// </summary>
public sealed class SupervisorActionLog(GrainHistory history, TimeProvider time, ILogger<SupervisorActionLog> logger)
{
    public const string ForceReady = "force-ready";
    public const string ForceNotReady = "force-not-ready";
    public const string ForceLogout = "force-logout";
    public const string Reprioritise = "reprioritise";
    public const string Move = "move";
    public const string Agent = "agent";
    public const string Interaction = "interaction";

    /// <summary>Who is recorded when the token names no subject.</summary>
    public const string UnknownSupervisor = "(unknown)";

    public void Record(EdgeCaller caller, string action, string targetKind, string targetId, string? detail)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!history.Enabled)
        {
            return;
        }
        var supervisor = caller.Subject ?? UnknownSupervisor;
        var recorded = history.Record(new SupervisorActionRecord
        {
            TenantId = caller.TenantId,
            // Time-ordered and unique: the key that makes a repeated write store it once.
            ActionId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            SupervisorId = supervisor,
            Action = action,
            TargetKind = targetKind,
            TargetId = targetId,
            At = time.GetUtcNow(),
            Detail = detail,
        });
        if (!recorded)
        {
            EdgeLog.SupervisorActionNotRecorded(logger, action, targetKind, targetId, supervisor);
        }
    }
}
