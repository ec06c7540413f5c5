using Routing.Abstractions;

namespace Routing.Server.Demo;

/// <summary>
/// Runs one step of a simulated person. Refusals are expected in a live centre (the customer hung up
/// just as the agent answered) and are logged at Debug; other failures at Warning; stopping the
/// server ends the step quietly.
/// </summary>
internal static class DemoCall
{
    public static async Task<bool> TryAsync(ILogger logger, string who, string action, string interactionId,
        Func<Task> step, CancellationToken stopping)
    {
        try
        {
            await step();
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (RoutingException e)
        {
            DemoLog.Refused(logger, who, action, interactionId, e.Message);
            return false;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            DemoLog.CallFailed(logger, who, action, interactionId, e);
            return false;
        }
        catch (Exception)
        {
            // The silo is shutting down under the simulation; nothing to report.
            return false;
        }
    }
}
