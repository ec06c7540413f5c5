namespace Routing.Core;

/// <summary>How a tenant's history keeps customers' numbers and addresses (and the attributes its policy names).</summary>
public enum PersonalDataMode
{
    /// <summary>Only a masked form is stored (the last four characters kept, e.g. <c>•••••••1234</c>): the full value is
    /// never recoverable. The default.</summary>
    Mask = 0,

    /// <summary>The full value is stored encrypted (AES-GCM) with the tenant's key, beside the masked form that callers
    /// without permission see.</summary>
    Encrypt = 1,

    /// <summary>The full value is stored as given. Only when chosen explicitly; readers without permission still see the
    /// masked form.</summary>
    Plain = 2,
}
