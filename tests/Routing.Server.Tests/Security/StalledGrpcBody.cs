using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Routing.Server.Tests.Security;

/// <summary>
/// A gRPC request body that announces a message of <paramref name="announcedLength"/> bytes, sends its first
/// 64 KiB and then stalls until the request ends: a server that answers it has answered without reading the body.
/// </summary>
internal sealed class StalledGrpcBody(uint announcedLength) : HttpContent
{
    private const int SentBytes = 64 * 1024;

    public static HttpRequestMessage Request(Uri server, string path, string token, uint announcedLength)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StalledGrpcBody(announcedLength),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        return request;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), announcedLength);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(new byte[SentBytes], cancellationToken);
        await stream.FlushAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
