using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Routing.SipGateway;

// One process: the SIP stack in front, a gateway-role client of the cluster's edge behind it.
using var host = SipGatewayHost.Build(args);
try
{
    SipGatewayHost.ValidateOptions(host.Services);
    await host.StartAsync();
}
catch (Exception e) when (e is OptionsValidationException or System.Net.Sockets.SocketException)
{
    // One line naming what to fix, not a stack trace.
    await Console.Error.WriteLineAsync($"Routing.SipGateway cannot start: {e.Message}");
    return 1;
}
await host.WaitForShutdownAsync();
return 0;
