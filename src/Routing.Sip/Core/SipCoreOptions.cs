namespace Routing.Sip.Core;

/// <summary>What the UAS core announces and accepts.</summary>
public sealed class SipCoreOptions
{
    /// <summary>Option tags this element supports (Supported, and what Require may ask for).</summary>
    public IList<string> Supported { get; set; } = [];

    /// <summary>Body types accepted in requests (Accept; anything else gets 415).</summary>
    public IList<string> Accept { get; set; } = ["application/sdp"];

    /// <summary>The Server header on every response the core builds itself.</summary>
    public string ServerName { get; set; } = "Routing.Sip";
}
