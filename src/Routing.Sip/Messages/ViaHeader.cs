using Routing.Sip.Parsing;

namespace Routing.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42, §18.2.1; rport from RFC 3581).</summary>
public sealed class ViaHeader
{
    /// <summary>The branch prefix of transactions built to RFC 3261 (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public ViaHeader(string transport, string host, int? port, string? branch)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        if (branch is not null)
        {
            Parameters.Set("branch", branch);
        }
    }

    public string ProtocolName { get; private init; } = "SIP";

    public string ProtocolVersion { get; private init; } = "2.0";

    /// <summary>UDP, TCP, TLS, SCTP... upper case.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; } = new();

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    /// <summary>True when the rport parameter is present (with or without a value).</summary>
    public bool HasRport => Parameters.Contains("rport");

    public int? Rport => int.TryParse(Parameters.Get("rport"), out var port) ? port : null;

    /// <summary>The branch begins with the magic cookie and carries an identifier after it (RFC 4475 badbranch: a bare
    /// cookie is no identifier, and the RFC 2543 matching rules apply).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } branch && branch.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>host[:port], as the transaction key uses it.</summary>
    public string SentBy => Port is { } port ? $"{Host}:{port}" : Host;

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ViaHeader? via) =>
        TryParse(text, sentByOnly: false, out via);

    /// <summary>Reads only the sent-protocol and sent-by, ignoring what follows: enough to send a 400 back for a
    /// request whose Via parameters are malformed (RFC 4475 §3.1.2.1 asks for that answer).</summary>
    internal static bool TryParseSentBy(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ViaHeader? via) =>
        TryParse(text, sentByOnly: true, out via);

    private static bool TryParse(string text, bool sentByOnly, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ViaHeader? via)
    {
        via = null;
        var reader = new ValueReader(text);
        reader.SkipWhitespace();
        var name = reader.ReadToken();
        if (name is null || !reader.TrySeparator('/'))
        {
            return false;
        }
        var version = reader.ReadToken();
        if (version is null || !reader.TrySeparator('/'))
        {
            return false;
        }
        var transport = reader.ReadToken();
        if (transport is null)
        {
            return false;
        }
        var afterTransport = reader.Position;
        reader.SkipWhitespace();
        if (reader.Position == afterTransport || !SipHost.TryReadHostPort(ref reader, out var host, out var port))
        {
            return false;
        }
        var parsed = new ViaHeader(transport, host, port, null) { ProtocolName = name, ProtocolVersion = version };
        if (sentByOnly)
        {
            via = parsed;
            return true;
        }
        if (!SipParameters.TryRead(ref reader, parsed.Parameters) || !HasValidParameters(parsed))
        {
            return false;
        }
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            return false;
        }
        via = parsed;
        return true;
    }

    private static bool HasValidParameters(ViaHeader via)
    {
        if (via.Parameters.Contains("branch") && !Grammar.IsToken(via.Branch))
        {
            return false;
        }
        if (via.Parameters.Contains("received") && !SipHost.IsAddress(via.Received))
        {
            return false;
        }
        if (via.Parameters.Get("rport") is { } rport && (rport.Length > 5 || !int.TryParse(rport, out var value) || value is < 1 or > 65535))
        {
            return false;
        }
        return via.Parameters.Get("ttl") is not { } ttl || (ttl.Length <= 3 && int.TryParse(ttl, out var hops) && hops <= 255);
    }

    public override string ToString() => $"{ProtocolName}/{ProtocolVersion}/{Transport} {SentBy}{Parameters}";
}
