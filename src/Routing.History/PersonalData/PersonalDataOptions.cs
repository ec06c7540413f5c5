using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Routing.Core;

namespace Routing.History.PersonalData;

/// <summary>
/// The keys that protect personal data in the history (section <c>History:PersonalData</c>). Each tenant may have
/// a list of keys: the first encrypts new data and keys the search hashes; the others still decrypt (and find) what
/// they protected, so a key is rotated by putting a new one first and removing the old one once nothing needs it.
/// Keys belong in the server's secrets (environment variables, a vault), never in a file checked in.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "History:PersonalData";

    /// <summary>Keys by tenant id, the active one first:
    /// <c>"Keys": { "acme": [ { "Id": "2026-12", "Key": "&lt;base64 of 32 random bytes&gt;" } ] }</c>.</summary>
    public Dictionary<string, List<PersonalDataKeyOptions>> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tenants without keys of their own use the published development key
    /// (<see cref="PersonalDataKeyRing.DevelopmentKey"/>). Refused outside the Development environment.</summary>
    public bool UseDevelopmentKey { get; set; }

    /// <summary>How long a silo's writers keep a tenant's policy before asking for it again: a changed policy applies to
    /// what is written after that.</summary>
    public TimeSpan PolicyRefresh { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One key: its id (stored with every ciphertext, so the right key decrypts it after a rotation) and
/// 32 random bytes in base64 (<c>openssl rand -base64 32</c>).</summary>
public sealed class PersonalDataKeyOptions
{
    public string Id { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}

/// <summary>Checks <see cref="PersonalDataOptions"/> at start-up and reports every problem at once. Outside the
/// Development environment the published development key stops start-up, as the edge's development signing key does.</summary>
public sealed class PersonalDataOptionsValidator(IHostEnvironment environment) : IValidateOptions<PersonalDataOptions>
{
    public static readonly TimeSpan MaxPolicyRefresh = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = PersonalDataOptions.SectionName;
        var problems = new List<string>();
        if (options.UseDevelopmentKey && !environment.IsDevelopment())
        {
            problems.Add($"{section}:UseDevelopmentKey uses the published development key, which anyone can decrypt with: it works only in the "
                + $"Development environment; this server runs as '{environment.EnvironmentName}'. Give each tenant a key of its own under {section}:Keys");
        }
        if (options.PolicyRefresh <= TimeSpan.Zero || options.PolicyRefresh > MaxPolicyRefresh)
        {
            problems.Add($"{section}:PolicyRefresh {options.PolicyRefresh} is outside 0–{MaxPolicyRefresh} (more than zero)");
        }
        foreach (var (tenant, keys) in options.Keys)
        {
            if (EntityId.Problem("tenant", tenant) is { } tenantProblem)
            {
                problems.Add($"{section}:Keys: {tenantProblem}");
            }
            if (keys is null || keys.Count == 0)
            {
                problems.Add($"{section}:Keys:{tenant} lists no key");
                continue;
            }
            for (var i = 0; i < keys.Count; i++)
            {
                problems.AddRange(KeyProblems($"{section}:Keys:{tenant}:{i}", keys[i]));
            }
            if (keys.GroupBy(key => key?.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
            {
                problems.Add($"{section}:Keys:{tenant} names key id '{repeated.Key}' twice: each key needs an id of its own");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> KeyProblems(string setting, PersonalDataKeyOptions? key)
    {
        if (key is null)
        {
            yield return $"{setting} is empty: give Id and Key";
            yield break;
        }
        if (EntityId.Problem("key", key.Id) is { } idProblem)
        {
            yield return $"{setting}:Id: {idProblem}";
        }
        if (!PersonalDataKeyRing.TryDecodeKey(key.Key, out _))
        {
            yield return $"{setting}:Key is not {PersonalDataKeyRing.KeyBytes} bytes in base64 (make one with: openssl rand -base64 {PersonalDataKeyRing.KeyBytes})";
        }
        else if (key.Key == PersonalDataKeyRing.DevelopmentKey && !environment.IsDevelopment())
        {
            yield return $"{setting}:Key is the published development key: it works only in the Development environment; this server runs as '{environment.EnvironmentName}'";
        }
    }
}
