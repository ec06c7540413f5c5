using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Routing.Core;
using Routing.History.PersonalData;

namespace Routing.History.Tests.PersonalData;

/// <summary>Key rings, protectors and readers for the tests, with fresh random keys.</summary>
internal static class PersonalDataKeys
{
    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(PersonalDataKeyRing.KeyBytes));

    public static IHostEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name };

    /// <summary>A ring in Production holding, for <paramref name="tenantId"/>, the keys given (id, base64), active first.</summary>
    public static PersonalDataKeyRing Ring(string tenantId, params (string Id, string Key)[] keys) => new(
        Options.Create(new PersonalDataOptions
        {
            Keys = keys.Length == 0 ? [] : new() { [tenantId] = [.. keys.Select(key => new PersonalDataKeyOptions { Id = key.Id, Key = key.Key })] },
        }),
        Environment(Environments.Production));

    public static PersonalDataProtector Protector(PersonalDataKeyRing ring, PersonalDataRules rules) =>
        new(new FixedPolicies(rules), ring, NullLogger<PersonalDataProtector>.Instance);

    public static PersonalDataRules Rules(PersonalDataMode mode, bool protectCustomerId = false, params string[] attributes) =>
        new(mode, attributes.ToHashSet(StringComparer.Ordinal), protectCustomerId);

    /// <summary>Every tenant has the same rules (the server asks the tenant grain; here there is no cluster).</summary>
    private sealed class FixedPolicies(PersonalDataRules rules) : IPersonalDataPolicies
    {
        public ValueTask<PersonalDataRules> GetAsync(string tenantId, CancellationToken cancellationToken) => ValueTask.FromResult(rules);
    }
}
