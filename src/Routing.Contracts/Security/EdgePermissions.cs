namespace Routing.Contracts.Security;

/// <summary>Permissions a token can carry beyond its roles (one <c>permission</c> claim each): rights that not every
/// holder of a role should have, granted person by person by whoever issues the tokens.</summary>
public static class EdgePermissions
{
    /// <summary>Reports and searches show customers' numbers, addresses and other personal data in full (decrypted when
    /// the tenant encrypts them), and may search by customer number. Without it they are masked ("•••••••0123").</summary>
    public const string PersonalDataRead = "personal-data.read";

    /// <summary>Every known permission.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { PersonalDataRead };
}
