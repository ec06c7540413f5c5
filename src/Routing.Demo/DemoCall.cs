using Microsoft.Extensions.Logging;
using Routing.Abstractions;

namespace Routing.Demo;

/// <summary>
/// Runs one step of a simulated customer. Refusals are expected in a live centre (the call was answered
/// just as the customer hung up) and are logged at Debug; other failures at Warning; stopping the
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
