using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>A tenant's admin sees only its own tenant's grains in the cluster status; an operator sees all.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ClusterStatusScopeTests(EdgeFixture fixture)
{
    private readonly AdminService.AdminServiceClient _admin = new(fixture.Channel);

    [Fact]
    public async Task GetClusterStatus_Admin_CountsOnlyItsOwnTenantsGrains()
    {
        const int created = 12;
        var gateway = fixture.As("globex", [EdgeRoles.Gateway]);
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var ids = Enumerable.Range(0, created).Select(_ => $"scope-{Guid.NewGuid():N}").ToList();
        foreach (var id in ids)
        {
            await interactions.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales" }, gateway);
        }
        try
        {
            var globex = await _admin.GetClusterStatusAsync(new GetClusterStatusRequest(), fixture.As("globex", [EdgeRoles.Admin]));
            var acme = await _admin.GetClusterStatusAsync(new GetClusterStatusRequest(), fixture.As("acme", [EdgeRoles.Admin]));
            var all = await _admin.GetClusterStatusAsync(new GetClusterStatusRequest(), fixture.As("acme", [EdgeRoles.Operator]));

            Assert.Equal("globex", globex.TenantId);
            Assert.Equal("acme", acme.TenantId);
            Assert.Equal(string.Empty, all.TenantId);
            Assert.True(globex.Silos.Sum(s => s.Interactions) >= created);
            Assert.True(globex.Silos.Sum(s => s.Queues) >= 1);
            // The operator's count holds both tenants' interactions (and acme's holds none of globex's).
            Assert.True(all.Silos.Sum(s => s.Interactions) >= acme.Silos.Sum(s => s.Interactions) + created);
            // System grains are the operator's business only.
            Assert.True(all.Silos.Sum(s => s.Activations) > globex.Silos.Sum(s => s.Activations) + acme.Silos.Sum(s => s.Activations));
        }
        finally
        {
            foreach (var id in ids)
            {
                await interactions.HangupAsync(new HangupRequest { InteractionId = id }, gateway);
            }
        }
    }

    [Fact]
    public async Task GetClusterStatus_Supervisor_IsPermissionDenied()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _admin.GetClusterStatusAsync(new GetClusterStatusRequest(), fixture.As("acme", [EdgeRoles.Supervisor])).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("'operator' or 'admin'", e.Status.Detail, StringComparison.Ordinal);
    }
}
