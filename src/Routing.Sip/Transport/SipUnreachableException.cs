namespace Routing.Sip.Transport;

/// <summary>A request cannot be sent to its target: the URI names no usable transport, the name does not resolve, or
/// the connection cannot be made. A proxy answers it with 503 (RFC 3261 §16.7 step 6 treats it as no response).</summary>
public sealed class SipUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
