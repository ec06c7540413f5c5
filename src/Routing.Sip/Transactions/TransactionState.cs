namespace Routing.Sip.Transactions;

/// <summary>The states of RFC 3261 §17's four state machines (each uses a subset).</summary>
public enum TransactionState
{
    /// <summary>INVITE client: the request is out, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client and server: the request is out (client) or in (server), no response yet.</summary>
    Trying,

    /// <summary>A provisional response has been received (client) or sent (server).</summary>
    Proceeding,

    /// <summary>A final response has been received (client) or sent (server); retransmissions are absorbed.</summary>
    Completed,

    /// <summary>INVITE server (RFC 6026): a 2xx was sent; retransmitted INVITEs are absorbed and the TU's 2xx
    /// retransmissions pass, until Timer L.</summary>
    Accepted,

    /// <summary>INVITE server: the ACK for a non-2xx final response has arrived.</summary>
    Confirmed,

    /// <summary>Done: the transaction has left the table.</summary>
    Terminated,
}
