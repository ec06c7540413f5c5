namespace Routing.SipGateway.Cluster;

/// <summary>The token the client sends: the configured one, or the token file's content, read again when the file
/// changes (a Kubernetes Secret is rotated by replacing the file).</summary>
internal sealed class GatewayToken(ClusterConnectionOptions options)
{
    private readonly Lock _gate = new();
    private DateTime _readAt = DateTime.MinValue;
    private string _token = options.Token ?? string.Empty;

    public ValueTask<string> Current(CancellationToken cancellationToken)
    {
        if (options.TokenFile is not { } file)
        {
            return ValueTask.FromResult(_token);
        }
        var written = File.GetLastWriteTimeUtc(file);
        lock (_gate)
        {
            if (written != _readAt)
            {
                _token = File.ReadAllText(file).Trim();
                _readAt = written;
            }
            return ValueTask.FromResult(_token);
        }
    }
}
