using System.Text;
using Grpc.Core;

namespace Routing.Server.Edge;

/// <summary>
/// Answers a gRPC call from middleware (authentication, rate limiting) before any service runs: a
/// "trailers-only" response, HTTP 200 with <c>grpc-status</c> and <c>grpc-message</c> headers. An
/// HTTP error status instead reaches grpc-dotnet clients as a status of its own choosing (401 as
/// UNAUTHENTICATED without the reason, 429 as UNAVAILABLE, which retry policies retry at once).
/// </summary>
internal static class EdgeGrpcResponses
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static void WriteTrailersOnly(HttpContext http, StatusCode status, string message)
    {
        var contentType = http.Request.ContentType ?? "application/grpc";
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase)
            ? contentType
            : "application/grpc";
        http.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = PercentEncode(message);
    }

    /// <summary>The gRPC spec's encoding of grpc-message: printable ASCII but '%' as is, all else as %XX of UTF-8.</summary>
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
