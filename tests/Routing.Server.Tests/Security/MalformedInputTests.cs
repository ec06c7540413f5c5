using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Security;

/// <summary>Malformed input (out-of-range well-known types, bytes protobuf refuses to parse) answers
/// INVALID_ARGUMENT with a short reason, not UNKNOWN.</summary>
[Collection(EdgeCollection.Name)]
public sealed class MalformedInputTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _client = new(fixture.Channel);

    [Fact]
    public async Task Create_ScheduledForSecondsInt64Max_IsInvalidArgumentAndCreatesNothing()
    {
        var id = NewId();
        var request = Callback(id, new Timestamp { Seconds = long.MaxValue });

        var e = await AssertStatus(StatusCode.InvalidArgument, _client.CreateAsync(request, Gateway()));

        Assert.Contains("scheduled_for", e.Status.Detail, StringComparison.Ordinal);
        await AssertStatus(StatusCode.NotFound, _client.GetAsync(new GetInteractionRequest { InteractionId = id }, Gateway()));
    }

    [Fact]
    public async Task Create_ScheduledForNegativeNanos_IsInvalidArgument()
    {
        var request = Callback(NewId(), new Timestamp { Seconds = 1_800_000_000, Nanos = -1 });

        var e = await AssertStatus(StatusCode.InvalidArgument, _client.CreateAsync(request, Gateway()));

        Assert.Contains("nanos", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutQueue_OfferTimeoutSecondsInt64Min_IsInvalidArgumentNamingTheField()
    {
        var admin = new AdminService.AdminServiceClient(fixture.Channel);
        var queue = new QueueDefinition { QueueId = $"q-{Guid.NewGuid():N}", OfferTimeout = new Duration { Seconds = long.MinValue } };

        var e = await AssertStatus(StatusCode.InvalidArgument, admin.PutQueueAsync(queue, fixture.As("acme", ["admin"])));

        Assert.Contains("offer timeout", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MessageNestedTwoHundredDeep_IsInvalidArgumentWithShortReason()
    {
        // An unknown field 15 as a group holding a group holding … 200 deep: protobuf's parser stops at its
        // recursion limit (100).
        const int depth = 200;
        var bytes = new byte[depth * 2];
        Array.Fill(bytes, (byte)((15 << 3) | 3), 0, depth);
        Array.Fill(bytes, (byte)((15 << 3) | 4), depth, depth);
        var method = new Method<byte[], byte[]>(MethodType.Unary, InteractionService.Descriptor.FullName, "Get",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var call = fixture.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, Gateway(), bytes);
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("GetInteractionRequest", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(e.Status.Detail.Length < 300, e.Status.Detail);
    }

    [Fact]
    public async Task Get_TruncatedMessage_IsInvalidArgument()
    {
        // Field 1 (interaction_id) announces 100 bytes and carries 2.
        byte[] bytes = [(1 << 3) | 2, 100, (byte)'a', (byte)'b'];
        var method = new Method<byte[], byte[]>(MethodType.Unary, InteractionService.Descriptor.FullName, "Get",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var call = fixture.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, Gateway(), bytes);
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    private static CreateInteractionRequest Callback(string id, Timestamp at) => new()
    {
        InteractionId = id,
        QueueId = "sales",
        Channel = Channel.Callback,
        CustomerNumber = "+441234567890",
        ScheduledFor = at,
    };

    /// <summary>A gateway of its own rate-limit bucket, so these calls never meet another test's limit.</summary>
    private CallOptions Gateway() => EdgeFixture.WithToken(
        DevTokens.Mint(fixture.SigningKey, "acme", ["gateway"], null, TimeSpan.FromHours(1), subject: $"malformed-{Guid.NewGuid():N}"));

    private static string NewId() => $"call-{Guid.NewGuid():N}";

    private static async Task<RpcException> AssertStatus<T>(StatusCode expected, AsyncUnaryCall<T> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(expected, e.StatusCode);
        return e;
    }
}
