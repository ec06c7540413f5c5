namespace Routing.Abstractions.EntryPoints;

/// <summary>How an <see cref="EntryCondition"/> compares the call's field with its values.</summary>
public enum EntryConditionOperator
{
    /// <summary>The field equals one of the values (ordinal, case-sensitive).</summary>
    OneOf = 0,

    /// <summary>The field starts with one of the values (a caller number's country or area code).</summary>
    Prefix = 1,

    /// <summary>The field is present and not empty (values unused).</summary>
    Present = 2,

    /// <summary>The field is missing or empty (values unused).</summary>
    Absent = 3,

    /// <summary>The field equals none of the values (a missing field too).</summary>
    NoneOf = 4,
}
