namespace Routing.Sip.Authentication;

/// <summary>Where digest authentication finds accounts. An implementation keeps HA1 values, never passwords
/// (<see cref="SipAccount.FromPassword"/> computes them once, when an account is configured).</summary>
public interface ISipCredentialStore
{
    /// <summary>The account of <paramref name="username"/> in <paramref name="realm"/>, or null when there is none.</summary>
    ValueTask<SipAccount?> FindAsync(string username, string realm, CancellationToken cancellationToken);
}
