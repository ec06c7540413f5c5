namespace Routing.Core;

/// <summary>An agent's presence. "Busy" is not a presence: it is load, counted per channel.</summary>
[GenerateSerializer]
public enum Presence
{
    Offline = 0,
    Available = 1,
    NotReady = 2,
}

/// <summary>Well-known not-ready reason codes. Tenants may use others.</summary>
public static class NotReadyReasons
{
    public const string Break = "break";
    public const string Lunch = "lunch";
    public const string Training = "training";
    public const string Meeting = "meeting";
    /// <summary>Set by the system after consecutive offers rang unanswered.</summary>
    public const string NoAnswer = "no-answer";
    /// <summary>The agent has logged in but not yet made themselves available.</summary>
    public const string LoggedIn = "logged-in";
}
