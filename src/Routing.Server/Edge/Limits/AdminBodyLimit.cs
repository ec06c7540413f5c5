using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;
using Routing.Contracts.V1;

namespace Routing.Server.Edge.Limits;

/// <summary>
/// Guards the AdminService, the one service whose messages may be large: before its body is read, a caller
/// without the admin role is refused (PermissionDenied), so nobody else can make the server read a big body;
/// for an admin, the server's body-size limit is raised to the configured message limit, and a message
/// whose header announces more than that is refused with RESOURCE_EXHAUSTED naming the limit. The cluster
/// status is the exception: operators may ask for it too, and its request stays within the edge's small limit.
/// Runs after authentication; an unauthenticated call goes on to authorization, which refuses it.
/// </summary>
internal sealed class AdminBodyLimit(RequestDelegate next, IOptions<EdgeLimitsOptions> options, ILogger<AdminBodyLimit> logger)
{
    /// <summary>A gRPC message is prefixed by a compressed flag (1 byte) and its length (4 bytes, big-endian).</summary>
    private const int FrameHeaderLength = 5;

    private static readonly PathString AdminPath = new($"/{AdminService.Descriptor.FullName}");

    private static readonly PathString ClusterStatusPath = AdminPath.Add("/" + nameof(AdminService.AdminServiceBase.GetClusterStatus));

    private readonly int _limit = options.Value.MaxConfigurationBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(AdminPath) || context.User.Identity is not { IsAuthenticated: true })
        {
            await next(context);
            return;
        }
        var clusterStatus = context.Request.Path.Equals(ClusterStatusPath);
        string[] roles = clusterStatus ? [EdgeRoles.Operator, EdgeRoles.Admin] : [EdgeRoles.Admin];
        if (!HasRole(context, roles, out var refusal))
        {
            Refuse(context, refusal);
            return;
        }
        var limit = clusterStatus ? RoutingServerHost.MaxReceiveMessageSize : _limit;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // gRPC-Web text carries base64: four bytes for every three.
            var text = context.Request.ContentType?.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) == true;
            var body = (long)limit + FrameHeaderLength;
            bodySize.MaxRequestBodySize = text ? (body + 2) / 3 * 4 : body;
        }
        if (await AnnouncedLength(context) is { } length && length > limit)
        {
            var setting = clusterStatus ? "" : $" ({EdgeLimitsOptions.SectionName}:MaxConfigurationBytes)";
            Refuse(context, new Status(StatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
                $"the request message is {length} bytes; the limit of {context.Request.Path} is {limit} bytes{setting}")));
            return;
        }
        await next(context);
    }

    private static bool HasRole(HttpContext context, string[] roles, out Status refusal)
    {
        try
        {
            EdgeCaller.From(context.User).Require(roles);
            refusal = default;
            return true;
        }
        catch (RpcException e)
        {
            refusal = e.Status;
            return false;
        }
    }

    /// <summary>The length an uncompressed message's header announces, read without consuming it; null when the
    /// body ends first or the message is compressed (grpc-dotnet checks the size once it is decompressed).</summary>
    private static async Task<long?> AnnouncedLength(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        var result = await reader.ReadAtLeastAsync(FrameHeaderLength, context.RequestAborted);
        try
        {
            if (result.Buffer.Length < FrameHeaderLength)
            {
                return null;
            }
            Span<byte> header = stackalloc byte[FrameHeaderLength];
            result.Buffer.Slice(0, FrameHeaderLength).CopyTo(header);
            return header[0] == 0 ? BinaryPrimitives.ReadUInt32BigEndian(header[1..]) : null;
        }
        finally
        {
            // Nothing consumed or examined: grpc-dotnet reads the same bytes again at once.
            reader.AdvanceTo(result.Buffer.Start);
        }
    }

    private void Refuse(HttpContext context, Status status)
    {
        LimitsLog.AdminBodyRefused(logger, context.Request.Path.Value ?? string.Empty, status.Detail);
        EdgeGrpcResponses.WriteTrailersOnly(context, status.StatusCode, status.Detail);
    }
}
