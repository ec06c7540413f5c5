using Routing.Abstractions.Configuration;
using Core = Routing.Core;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>The personal data policy (admin.proto) to and from its record; an unset mode is Mask.</summary>
public static class PersonalDataMapping
{
    /// <summary>The policy as admin.proto has it; null (a configuration stored before policies existed) is the default.</summary>
    public static V1.PersonalDataPolicy ToProto(this PersonalDataPolicy? policy)
    {
        policy ??= PersonalDataPolicy.Default;
        var proto = new V1.PersonalDataPolicy
        {
            Mode = policy.Mode switch
            {
                Core.PersonalDataMode.Encrypt => V1.PersonalDataMode.Encrypt,
                Core.PersonalDataMode.Plain => V1.PersonalDataMode.Plain,
                _ => V1.PersonalDataMode.Mask,
            },
            ProtectCustomerId = policy.ProtectCustomerId,
        };
        proto.PersonalAttributes.AddRange(policy.PersonalAttributes);
        return proto;
    }

    public static PersonalDataPolicy ToRecord(this V1.PersonalDataPolicy proto, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(problems);
        Core.PersonalDataMode? mode = proto.Mode switch
        {
            V1.PersonalDataMode.Unspecified or V1.PersonalDataMode.Mask => Core.PersonalDataMode.Mask,
            V1.PersonalDataMode.Encrypt => Core.PersonalDataMode.Encrypt,
            V1.PersonalDataMode.Plain => Core.PersonalDataMode.Plain,
            _ => null,
        };
        if (mode is null)
        {
            problems.Add($"personal data: unknown mode {(int)proto.Mode}");
        }
        return new PersonalDataPolicy
        {
            Mode = mode ?? Core.PersonalDataMode.Mask,
            PersonalAttributes = [.. proto.PersonalAttributes],
            ProtectCustomerId = proto.ProtectCustomerId,
        };
    }
}
