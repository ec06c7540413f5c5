using Routing.Grains.History;
using Routing.History;

namespace Routing.Server.Edge.Supervisors;

/// <summary>
/// Records in the history store what a supervisor forced, once the grain has done it: who (the token's subject), what,
/// to which agent or interaction, when. The supervisor's call is answered only once the store holds the record (these
/// are rare, so waiting for the recorder's next batch costs little), so an acknowledged action is in the audit trail;
/// a refusal (the recorder's queue full, or no write within <see cref="WriteTimeout"/>) is logged instead. The action
/// also shows in the target's own history (its events or state intervals), which the grains record at least once.
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

    /// <summary>How long the call waits for the store; the action itself is already done.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async Task RecordAsync(EdgeCaller caller, string action, string targetKind, string targetId, string? detail)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!history.Enabled)
        {
            return;
        }
        var supervisor = caller.Subject ?? UnknownSupervisor;
        var written = new WrittenReceipt();
        var recorded = history.Record([new SupervisorActionRecord
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
        }], written);
        if (!recorded || !await written.WaitAsync(WriteTimeout))
        {
            EdgeLog.SupervisorActionNotRecorded(logger, action, targetKind, targetId, supervisor);
        }
    }

    private sealed class WrittenReceipt : IHistoryReceipt
    {
        private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Written() => _written.TrySetResult();

        public async Task<bool> WaitAsync(TimeSpan timeout)
        {
            try
            {
                await _written.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }
}
