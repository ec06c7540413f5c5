using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// The agent app's session. The stream lives at the gRPC edge of some silo; the session lives here, so
/// a dropped stream can be resumed on any silo within the grace period. The grace deadline is kept in
/// state and its timer re-armed on activation. When it passes the agent goes Offline; unlike Logout,
/// connected and wrap-up interactions are left to finish (the agent cannot be asked to end them).
/// </summary>
internal sealed partial class AgentGrain
{
    /// <summary>An activation that finds a session attached cannot know whether its stream is still open:
    /// it gives the edge this long beyond the grace period to renew it (the edge renews every minute).</summary>
    internal static readonly TimeSpan RenewalSlack = TimeSpan.FromMinutes(2);

    /// <summary>The observer of the attached stream; memory only (observers are not durable).</summary>
    private IAgentSessionObserver? _session;
    private GrainId _lastStream;
    private string? _lastStreamName;
    private IGrainTimer? _graceTimer;

    public Task<AgentSnapshot> AttachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        RequireSettings();
        RoutingException.ThrowIfInvalidId("session", sessionId);
        if (grace < TimeSpan.Zero)
        {
            throw new RoutingException(RoutingError.InvalidArgument, "the session grace period cannot be negative");
        }
        var stream = StreamOf(observer);
        // The holder may be a stream this activation never heard from (it attached to an earlier one): it
        // cannot be told, but HoldsSession and RenewSession refuse it from now on.
        var replaced = State.SessionStream is { } holder && holder != stream;
        if (_session is { } previous && !previous.Equals(observer))
        {
            _observers.Unsubscribe(previous);
            _ = previous.OnSessionEnded(State.SessionId ?? sessionId);
        }
        _session = observer;
        _observers.Subscribe(observer, observer);
        State.SessionId = sessionId;
        State.SessionStream = stream;
        State.SessionAttached = true;
        State.SessionGraceDeadline = null;
        State.SessionGrace = grace;
        CancelGraceTimer();
        SessionLog.Attached(_logger, this.GetPrimaryKeyString(), sessionId, replaced ? " (replacing the previous stream)" : "");
        _writer.Schedule();
        return Task.FromResult(Snapshot());
    }

    public Task<bool> RenewSession(string sessionId, IAgentSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!Holds(sessionId, observer))
        {
            return Task.FromResult(false);
        }
        _session = observer;
        _observers.Subscribe(observer, observer);
        if (!State.SessionAttached)
        {
            // An activation that lost track of the stream meanwhile (see RestoreSession).
            State.SessionAttached = true;
            State.SessionGraceDeadline = null;
            CancelGraceTimer();
            _writer.Schedule();
        }
        return Task.FromResult(true);
    }

    public Task<bool> HoldsSession(IAgentSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (State.SessionId is not { } sessionId || !Holds(sessionId, observer))
        {
            return Task.FromResult(false);
        }
        // An activation made after its silo died knows the session from state but not its stream's observer until the
        // edge renews it. The command asking now may make an offer ring (a Ready): taken up here, the app hears of it.
        return _session is null ? RenewSession(sessionId, observer) : Task.FromResult(true);
    }

    public Task DetachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        if (!Holds(sessionId, observer))
        {
            return Task.CompletedTask;
        }
        _session = null;
        // No stream holds the session now; only a new attach (a resume) takes it up again.
        State.SessionStream = null;
        State.SessionAttached = false;
        State.SessionGraceDeadline = Now + (grace > TimeSpan.Zero ? grace : TimeSpan.Zero);
        ArmGraceTimer(State.SessionGraceDeadline.Value);
        SessionLog.Detached(_logger, this.GetPrimaryKeyString(), sessionId, State.SessionGraceDeadline.Value);
        _writer.Schedule();
        return Task.CompletedTask;
    }

    public Task<string?> GetSessionId() => Task.FromResult(State.SessionId);

    /// <summary>Whether <paramref name="observer"/>'s stream holds <paramref name="sessionId"/>. Streams are told
    /// apart by their observer, never by the session id: streams resuming one session share its id.</summary>
    private bool Holds(string sessionId, IAgentSessionObserver observer) =>
        State.SessionId == sessionId && State.SessionStream == StreamOf(observer);

    /// <summary>The stored name of <paramref name="observer"/>'s stream. Every command of a session asks whether its
    /// stream holds the session, so the name of the last stream asked about is kept rather than formatted each time.</summary>
    private string StreamOf(IAgentSessionObserver observer)
    {
        var id = observer.GetGrainId();
        if (_lastStreamName is null || !id.Equals(_lastStream))
        {
            _lastStream = id;
            _lastStreamName = id.ToString();
        }
        return _lastStreamName;
    }

    /// <summary>Ends the session for good (the agent was removed): its stream is told and closes.</summary>
    private void EndSession()
    {
        if (_session is { } session && State.SessionId is { } sessionId)
        {
            _observers.Unsubscribe(session);
            _ = session.OnSessionEnded(sessionId);
        }
        _session = null;
        State.SessionId = null;
        State.SessionStream = null;
        State.SessionAttached = false;
        State.SessionGraceDeadline = null;
        CancelGraceTimer();
    }

    /// <summary>Called on activation: re-arms a grace period kept in state.</summary>
    private void RestoreSession()
    {
        if (State.SessionId is null)
        {
            return;
        }
        if (State.SessionAttached)
        {
            State.SessionAttached = false;
            State.SessionGraceDeadline = Now + State.SessionGrace + RenewalSlack;
            _writer.Schedule();
        }
        if (State.SessionGraceDeadline is { } deadline)
        {
            ArmGraceTimer(deadline);
        }
    }

    private void ArmGraceTimer(DateTimeOffset deadline)
    {
        CancelGraceTimer();
        var due = deadline - Now;
        _graceTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnGraceDeadlineAsync(),
            this,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void CancelGraceTimer()
    {
        _graceTimer?.Dispose();
        _graceTimer = null;
    }

    private async Task OnGraceDeadlineAsync()
    {
        try
        {
            if (State.SessionAttached || State.SessionGraceDeadline is not { } deadline || State.SessionId is not { } sessionId)
            {
                return;
            }
            if (deadline > Now)
            {
                // A timer may fire a little before its deadline: wait for the rest.
                ArmGraceTimer(deadline);
                return;
            }
            CancelGraceTimer();
            State.SessionId = null;
            State.SessionStream = null;
            State.SessionGraceDeadline = null;
            await GoOfflineKeepingWorkAsync(sessionId);
        }
        catch (Exception exception)
        {
            SessionLog.GraceTimerFailed(_logger, exception, this.GetPrimaryKeyString());
        }
    }

    /// <summary>Like Logout, but connected and wrap-up interactions stay (they finish through their own
    /// End/Complete and wrap-up timers, which work whatever the presence).</summary>
    private async Task GoOfflineKeepingWorkAsync(string sessionId)
    {
        var offline = Work.GoOffline(AgentCause.SessionExpired, Now);
        if (!offline.Accepted)
        {
            await _writer.WriteAsync();
            return;
        }
        SessionLog.GraceExpired(_logger, this.GetPrimaryKeyString(), sessionId, offline.Withdraw.Count);
        await GoOfflineAsync(offline);
    }
}
