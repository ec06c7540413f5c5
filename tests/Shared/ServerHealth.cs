using System.Diagnostics;

namespace Routing.Testing;

/// <summary>Waiting for a routing server process to answer its health check (the silo has joined and the
/// centre is applied); linked into the cluster tests and the load test, which both start servers.</summary>
internal static class ServerHealth
{
    /// <summary>Polls <c>/healthz</c> (or <paramref name="path"/>, e.g. <c>/readyz</c>) on <paramref name="edge"/> until it
    /// succeeds; fails at once if the process exits, and after <paramref name="timeout"/>. <paramref name="output"/> adds
    /// what the process printed.</summary>
    public static async Task WaitAsync(Uri edge, Process process, TimeSpan timeout, Func<string>? output, CancellationToken cancellationToken, string path = "/healthz")
    {
        string Printed() => output is null ? "" : $":{Environment.NewLine}{output()}";
        using var http = new HttpClient { DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server on {edge} exited with code {process.ExitCode} during start-up{Printed()}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(edge, path), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"the server on {edge} did not become healthy within {timeout.TotalSeconds:F0} s{Printed()}");
    }
}
