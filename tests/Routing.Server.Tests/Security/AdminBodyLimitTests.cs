using System.Globalization;
using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Limits;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>The AdminService's documented body limit: admins only, up to the limit (past Kestrel's 30,000,000-byte
/// default), RESOURCE_EXHAUSTED naming it beyond; anyone else is refused before the body is read.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AdminBodyLimitTests(EdgeFixture fixture)
{
    private const string ApplyPath = "/routing.v1.AdminService/ApplyConfiguration";

    private const uint FortyMegabytes = 40_000_000;

    [Fact]
    public async Task ApplyConfiguration_SupervisorWithFortyMegabyteBody_PermissionDeniedBeforeTheBodyIsRead()
    {
        var status = await StatusOfStalledCall(Token(["supervisor"]), FortyMegabytes);

        Assert.Equal(((int)StatusCode.PermissionDenied).ToString(CultureInfo.InvariantCulture), status);
    }

    [Fact]
    public async Task ApplyConfiguration_AdminBodyJustOverTheLimit_ResourceExhaustedNamingTheLimit()
    {
        using var http = Http2Client();
        using var request = StalledGrpcBody.Request(fixture.Address, ApplyPath, Token(["admin"]), EdgeLimitsOptions.DefaultMaxConfigurationBytes + 1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture), Header(response, "grpc-status"));
        var message = Uri.UnescapeDataString(Header(response, "grpc-message") ?? "");
        Assert.Contains(EdgeLimitsOptions.DefaultMaxConfigurationBytes.ToString(CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyConfiguration_AdminThirtyOneMegabytes_ReadAndValidatedNotUnknown()
    {
        // Past Kestrel's default body limit (30,000,000 bytes) and under the documented 48 MiB: the body is read
        // and the configuration validated (its name is far too long).
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var configuration = new TenantConfiguration { TenantId = "acme", Name = new string('n', 31_000_000) };

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            admin.ApplyConfigurationAsync(configuration, EdgeFixture.WithToken(Token(["admin"]))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("tenant name", e.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<string?> StatusOfStalledCall(string token, uint announcedLength)
    {
        using var http = Http2Client();
        using var request = StalledGrpcBody.Request(fixture.Address, ApplyPath, token, announcedLength);
        // The body never completes: only an answer given before reading it arrives within the deadline.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return Header(response, "grpc-status");
    }

    private static HttpClient Http2Client() => new(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.TrailingHeaders.TryGetValues(name, out var trailing) ? trailing.Single()
        : null;

    private string Token(string[] roles) =>
        DevTokens.Mint(fixture.SigningKey, "acme", roles, null, TimeSpan.FromHours(1), subject: $"body-limit-{Guid.NewGuid():N}");
}
