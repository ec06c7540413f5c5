namespace Routing.Sip.Messages;

/// <summary>Header names: their canonical spelling, the compact forms (RFC 3261 §7.3.3 and the extensions that
/// registered one), and which headers are comma-separated lists.</summary>
public static class HeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string Via = "Via";

    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["i"] = CallId,
        ["m"] = Contact,
        ["e"] = "Content-Encoding",
        ["l"] = ContentLength,
        ["c"] = ContentType,
        ["f"] = From,
        ["s"] = "Subject",
        ["k"] = Supported,
        ["t"] = To,
        ["v"] = Via,
        ["o"] = "Event",
        ["u"] = "Allow-Events",
        ["r"] = "Refer-To",
        ["b"] = "Referred-By",
        ["x"] = "Session-Expires",
        ["a"] = "Accept-Contact",
        ["j"] = "Reject-Contact",
        ["d"] = "Request-Disposition",
        ["y"] = "Identity",
        ["n"] = "Identity-Info",
    };

    private static readonly Dictionary<string, string> Canonical = new[]
    {
        Accept, "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, "Authentication-Info", "Authorization",
        CallId, "Call-Info", Contact, "Content-Disposition", "Content-Encoding", "Content-Language", ContentLength,
        ContentType, CSeq, Date, "Error-Info", "Expires", From, "In-Reply-To", MaxForwards, "Min-Expires",
        "MIME-Version", "Organization", "Priority", "Proxy-Authenticate", "Proxy-Authorization", ProxyRequire,
        RecordRoute, "Reply-To", Require, "Retry-After", Route, "Server", "Subject", Supported, Timestamp, To,
        Unsupported, "User-Agent", Via, "Warning", "WWW-Authenticate", "Event", "Allow-Events", "Refer-To",
        "Referred-By", "Session-Expires", "Accept-Contact", "Reject-Contact", "Request-Disposition", "Identity",
        "Identity-Info", "Reason", "RSeq", "RAck", "Path", "Min-SE",
    }.ToDictionary(name => name, StringComparer.OrdinalIgnoreCase);

    // Headers whose grammar is a comma-separated list (RFC 3261 §7.3.1); the others (Date, the authentication
    // headers, Subject...) may hold commas inside one value and are never split.
    private static readonly HashSet<string> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        Accept, "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, "Call-Info", Contact, "Content-Encoding",
        "Content-Language", "Error-Info", "In-Reply-To", ProxyRequire, RecordRoute, Require, Route, Supported,
        Unsupported, Via, "Warning", "Allow-Events", "Path", "Accept-Contact", "Reject-Contact", "Reason",
    };

    // Headers that may appear at most once (RFC 3261 §20, table 2/3); a second one makes the message malformed.
    private static readonly HashSet<string> Singles = new(StringComparer.OrdinalIgnoreCase)
    {
        CallId, ContentLength, ContentType, CSeq, Date, "Expires", From, MaxForwards, To, "Min-Expires",
    };

    /// <summary>The canonical full name: a compact form expanded, a known name in its usual case, others as given.</summary>
    public static string Normalize(string name) =>
        name.Length == 1 && Compact.TryGetValue(name, out var full) ? full
        : Canonical.TryGetValue(name, out var known) ? known
        : name;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same header (compact forms included).</summary>
    public static bool AreSame(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    public static bool IsList(string name) => Lists.Contains(Normalize(name));

    public static bool IsSingle(string name) => Singles.Contains(Normalize(name));
}
