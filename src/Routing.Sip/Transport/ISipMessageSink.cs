using Routing.Sip.Messages;

namespace Routing.Sip.Transport;

/// <summary>What receives the messages the transports parsed (the transaction layer).</summary>
public interface ISipMessageSink
{
    void OnMessage(SipMessage message, ISipFlow flow);
}
