namespace Routing.Sip.Proxy;

/// <summary>What the proxy does with an in-dialog request after its observer has seen it.</summary>
public enum InDialogAction
{
    /// <summary>Forward it along the route set (a BYE: the observer ends its interaction, the phones hang up).</summary>
    Forward,

    /// <summary>The observer has answered it through the server transaction (a REFER the gateway accepts with 202
    /// and carries out itself); it is not forwarded.</summary>
    Answered,
}
