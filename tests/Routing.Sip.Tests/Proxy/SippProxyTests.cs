using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Sip.Tests.Transport;
using Routing.Testing;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>The proxy end to end on 127.0.0.1 without the cluster: one sipp is the caller, one sipp the agent's phone,
/// and <see cref="TestGateway"/> holds the call and forks it to the phone as the gateway does in proxy mode.</summary>
public sealed class SippProxyTests
{
    private static readonly TimeSpan SippLimit = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData("u1", "u1")]
    [InlineData("t1", "t1")]
    [InlineData("t1", "u1")]
    public async Task Call_AnsweredByPhone_AckAndByePassThroughTheProxy(string callerTransport, string phoneTransport)
    {
        await using var call = await ProxiedCall.Start(callerTransport, "proxy-phone-answers.xml", "proxy-caller-answered.xml",
            phoneTransport: phoneTransport);

        var branch = await call.Gateway.Forked.WaitAsync(Deadline());
        var result = await branch.Completion.WaitAsync(Deadline());
        var bye = await call.Gateway.Bye.WaitAsync(Deadline());
        var (caller, phone) = await call.Exits();

        Assert.Equal((ProxyBranchOutcome.Answered, 200), (result.Outcome, result.StatusCode));
        Assert.Equal(branch.Upstream.Request.CallId, bye.Request.CallId);
        AssertSucceeded(caller, phone);
    }

    [Fact]
    public async Task ManyCalls_AllAnsweredAndHungUpThroughTheProxy_NothingLeftBehind()
    {
        const int Calls = 50;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var call = await ProxiedCall.Start("u1", "proxy-phone-answers.xml", "proxy-caller-answered.xml", Calls, rate: 25);

        var (caller, phone) = await call.Exits();
        var results = await Task.WhenAll(call.Gateway.Branches.Select(b => b.Completion));
        started.Stop();

        AssertSucceeded(caller, phone);
        Assert.Equal(Calls, results.Count(r => r.Outcome == ProxyBranchOutcome.Answered));
        Assert.Equal(Calls, call.Gateway.ByeCount);
        Assert.Equal((0, 0), (call.Server.Proxy.PendingBranchCount, call.Server.Proxy.ObservedCallCount));
        TestContext.Current.SendDiagnosticMessage($"{Calls} proxied calls at 25/s in {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task PhoneBusy_BranchFails486_GatewayAnswersCaller480()
    {
        await using var call = await ProxiedCall.Start("u1", "proxy-phone-busy.xml", "proxy-caller-refused.xml");

        var branch = await call.Gateway.Forked.WaitAsync(Deadline());
        var result = await branch.Completion.WaitAsync(Deadline());
        branch.Upstream.Respond(480);
        var (caller, phone) = await call.Exits();

        Assert.Equal((ProxyBranchOutcome.Failed, 486), (result.Outcome, result.StatusCode));
        Assert.True(branch.FirstProvisional.IsCanceled, "the phone never rang, yet FirstProvisional did not end");
        AssertSucceeded(caller, phone);
    }

    [Fact]
    public async Task RingNoAnswer_GatewayCancelsBranch_PhoneGets487_CallerGetsGatewaysAnswer()
    {
        await using var call = await ProxiedCall.Start("u1", "proxy-phone-rings.xml", "proxy-caller-refused.xml");

        var branch = await call.Gateway.Forked.WaitAsync(Deadline());
        var ringing = await branch.FirstProvisional.WaitAsync(Deadline());
        branch.Cancel();
        var result = await branch.Completion.WaitAsync(Deadline());
        var callerStillWaiting = branch.Upstream.FinalResponse is null;
        branch.Upstream.Respond(480);
        var (caller, phone) = await call.Exits();

        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal((ProxyBranchOutcome.Cancelled, 487), (result.Outcome, result.StatusCode));
        Assert.True(callerStillWaiting, "the branch's 487 reached the caller");
        AssertSucceeded(caller, phone);
    }

    [Fact]
    public async Task CallerCancelsWhilePhoneRings_BranchCancelled_CallerGets487()
    {
        await using var call = await ProxiedCall.Start("u1", "proxy-phone-rings.xml", "proxy-caller-cancels.xml");

        var branch = await call.Gateway.Forked.WaitAsync(Deadline());
        var cancelled = await call.Gateway.Cancelled.WaitAsync(Deadline());
        var result = await branch.Completion.WaitAsync(Deadline());
        var (caller, phone) = await call.Exits();

        Assert.Same(branch.Upstream, cancelled);
        Assert.Equal((ProxyBranchOutcome.Cancelled, 487), (result.Outcome, result.StatusCode));
        Assert.Equal(487, cancelled.FinalResponse?.StatusCode);
        AssertSucceeded(caller, phone);
    }

    private static void AssertSucceeded(SippResult caller, SippResult phone)
    {
        Assert.True(caller.ExitCode == 0, $"caller sipp exited {caller.ExitCode}:\n{caller.Output}");
        Assert.True(phone.ExitCode == 0, $"phone sipp exited {phone.ExitCode}:\n{phone.Output}");
    }

    private static CancellationToken Deadline() => LoopbackSipServer.Deadline(30);

    /// <summary>A SipServer with the test gateway, the phone's sipp listening, and the caller's sipp calling in.</summary>
    private sealed class ProxiedCall : IAsyncDisposable
    {
        private readonly SipServer _server;
        private readonly SippRun _phone;
        private readonly SippRun _caller;

        private ProxiedCall(SipServer server, TestGateway gateway, SippRun phone, SippRun caller)
        {
            _server = server;
            Gateway = gateway;
            _phone = phone;
            _caller = caller;
        }

        public TestGateway Gateway { get; }

        public SipServer Server => _server;

        public static async Task<ProxiedCall> Start(string transport, string phoneScenario, string callerScenario, int calls = 1, int rate = 10,
            string? phoneTransport = null)
        {
            phoneTransport ??= transport;
            var tcp = phoneTransport == "t1";
            var phonePort = LoopbackPorts.Free();
            var gateway = new TestGateway(SipUri.Parse($"sip:agent@127.0.0.1:{phonePort};transport={(tcp ? "tcp" : "udp")}"));
            var server = LoopbackSipServer.Start(handlers: gateway);
            gateway.Server = server;
            var phone = SippRun.Start(Arguments(phoneScenario, phoneTransport, phonePort, calls), SippLimit);
            await phone.WaitListening(phonePort, tcp, Deadline());
            var target = transport == "t1" ? server.Tcp!.LocalEndPoint : server.Udp!.LocalEndPoint;
            var caller = SippRun.Start(
                [$"127.0.0.1:{target.Port}", "-s", "queue-support", "-r", SippRun.Text(rate),
                    .. Arguments(callerScenario, transport, LoopbackPorts.Free(), calls)],
                SippLimit);
            return new ProxiedCall(server, gateway, phone, caller);
        }

        public async Task<(SippResult Caller, SippResult Phone)> Exits() => (await _caller.Exited, await _phone.Exited);

        private static string[] Arguments(string scenario, string transport, int port, int calls) =>
        [
            "-sf", SippRun.Scenario(scenario), "-m", SippRun.Text(calls), "-t", transport, "-i", "127.0.0.1", "-p", SippRun.Text(port),
            "-nostdin", "-timeout", "30s", "-timeout_error", "-recv_timeout", "20000",
        ];

        public async ValueTask DisposeAsync()
        {
            _caller.Dispose();
            _phone.Dispose();
            await _server.DisposeAsync();
        }
    }
}
