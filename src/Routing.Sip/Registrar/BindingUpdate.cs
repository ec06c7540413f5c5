namespace Routing.Sip.Registrar;

/// <summary>The outcome of applying a REGISTER to the binding table.</summary>
internal enum BindingUpdate
{
    /// <summary>Applied (or nothing to apply: a query); the bindings now are returned.</summary>
    Applied,

    /// <summary>A binding was last written by this Call-ID with a CSeq not lower than the request's (§10.3 step 7):
    /// the request is older than one already applied, so nothing of it is applied.</summary>
    OutOfOrder,

    /// <summary>The address of record would hold more bindings than allowed; nothing applied.</summary>
    TooManyBindings,

    /// <summary>A new address of record while the table holds the most it may; nothing applied.</summary>
    TableFull,
}
