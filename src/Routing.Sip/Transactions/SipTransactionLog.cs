using Microsoft.Extensions.Logging;

namespace Routing.Sip.Transactions;

internal static partial class SipTransactionLog
{
    [LoggerMessage(1, LogLevel.Debug, "Response {Status} for {CSeq} from {Remote} matches no client transaction; dropped")]
    public static partial void StrayResponse(ILogger logger, int status, string? cseq, System.Net.IPEndPoint remote);

    [LoggerMessage(2, LogLevel.Warning, "{Count} transactions are open, the most allowed; a {Method} from {Remote} got 503")]
    public static partial void TableFull(ILogger logger, int count, string method, System.Net.IPEndPoint remote);

    [LoggerMessage(3, LogLevel.Debug, "{Method} from {Remote} merges with a request already in progress (§8.2.2.2); 482 sent")]
    public static partial void Merged(ILogger logger, string method, System.Net.IPEndPoint remote);
}
