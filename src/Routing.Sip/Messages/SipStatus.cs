namespace Routing.Sip.Messages;

/// <summary>Status codes the stack sends, with their RFC 3261 §21 reason phrases.</summary>
public static class SipStatus
{
    public const int Trying = 100;
    public const int Ok = 200;
    public const int BadRequest = 400;
    public const int MethodNotAllowed = 405;
    public const int NotAcceptable = 406;
    public const int UnsupportedMediaType = 415;
    public const int UnsupportedUriScheme = 416;
    public const int BadExtension = 420;
    public const int CallOrTransactionDoesNotExist = 481;
    public const int LoopDetected = 482;
    public const int TooManyHops = 483;
    public const int RequestTerminated = 487;
    public const int ServerInternalError = 500;
    public const int NotImplemented = 501;
    public const int ServiceUnavailable = 503;
    public const int VersionNotSupported = 505;
    public const int MessageTooLarge = 513;

    public static string ReasonPhrase(int code) => code switch
    {
        100 => "Trying",
        180 => "Ringing",
        181 => "Call Is Being Forwarded",
        182 => "Queued",
        183 => "Session Progress",
        200 => "OK",
        202 => "Accepted",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Moved Temporarily",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        415 => "Unsupported Media Type",
        416 => "Unsupported URI Scheme",
        420 => "Bad Extension",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        482 => "Loop Detected",
        483 => "Too Many Hops",
        486 => "Busy Here",
        487 => "Request Terminated",
        500 => "Server Internal Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "Version Not Supported",
        513 => "Message Too Large",
        603 => "Decline",
        _ => code switch
        {
            < 200 => "Session Progress",
            < 300 => "OK",
            < 400 => "Redirection",
            < 500 => "Client Error",
            < 600 => "Server Error",
            _ => "Global Failure",
        },
    };
}
