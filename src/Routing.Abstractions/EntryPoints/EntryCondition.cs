using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Abstractions.EntryPoints;

/// <summary>One test of an <see cref="EntryRule"/> on the contact: <see cref="Field"/> is <c>caller</c> (the caller's
/// number), <c>customer</c> (the customer id) or <c>attributes.</c> and an attribute's key (e.g. <c>attributes.tier</c>,
/// set by the IVR, the SBC or a CRM lookup).</summary>
[GenerateSerializer, Immutable, Alias("routing.entry-condition")]
public sealed record EntryCondition
{
    public const string CallerField = "caller";
    public const string CustomerField = "customer";
    public const string AttributePrefix = "attributes.";
    public const int MaxValues = 1_000;

    [Id(0)] public required string Field { get; init; }

    [Id(1)] public EntryConditionOperator Operator { get; init; }

    [Id(2)] public string[] Values { get; init; } = [];

    /// <summary>Whether <paramref name="call"/> passes the test.</summary>
    public bool Holds(EntryCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var value = ValueIn(call);
        return Operator switch
        {
            EntryConditionOperator.OneOf => value is not null && Array.IndexOf(Values, value) >= 0,
            EntryConditionOperator.NoneOf => value is null || Array.IndexOf(Values, value) < 0,
            EntryConditionOperator.Prefix => value is not null && Values.Any(prefix => value.StartsWith(prefix, StringComparison.Ordinal)),
            EntryConditionOperator.Present => !string.IsNullOrEmpty(value),
            EntryConditionOperator.Absent => string.IsNullOrEmpty(value),
            _ => false,
        };
    }

    public IEnumerable<string> Problems(string owner)
    {
        if (Field is not (CallerField or CustomerField)
            && (Field is null || !Field.StartsWith(AttributePrefix, StringComparison.Ordinal) || !EntityId.IsValid(Field[AttributePrefix.Length..])))
        {
            yield return $"{owner}: condition field '{EntityId.Shown(Field)}' is not '{CallerField}', '{CustomerField}' or '{AttributePrefix}' and an attribute key";
        }
        if (!Enum.IsDefined(Operator))
        {
            yield return $"{owner}: unknown condition operator {(int)Operator}";
        }
        if (Values is null || Values.Length > MaxValues || Values.Any(value => value is null || value.Length > InteractionSpec.MaxAttributeValueLength))
        {
            yield return $"{owner}: condition values must be a list of at most {MaxValues} strings of up to {InteractionSpec.MaxAttributeValueLength} characters";
        }
        else if (Operator is EntryConditionOperator.OneOf or EntryConditionOperator.NoneOf or EntryConditionOperator.Prefix && Values.Length == 0)
        {
            yield return $"{owner}: condition on '{Field}' with {Operator} needs at least one value";
        }
    }

    private string? ValueIn(EntryCall call) => Field switch
    {
        CallerField => call.CallerNumber,
        CustomerField => call.CustomerId,
        _ => call.Attributes.GetValueOrDefault(Field[AttributePrefix.Length..]),
    };
}
