using Microsoft.Extensions.Hosting;
using Routing.History.PersonalData;

namespace Routing.History.Tests.PersonalData;

/// <summary>The key configuration checked at start-up, and the cipher's refusals.</summary>
public sealed class PersonalDataOptionsTests
{
    [Fact]
    public void DevelopmentKey_OutsideDevelopment_IsRefused_InsideItIsUsedByTenantsWithoutKeys()
    {
        var options = new PersonalDataOptions { UseDevelopmentKey = true, Keys = new() { ["acme"] = [new() { Id = "dev", Key = PersonalDataKeyRing.DevelopmentKey }] } };

        var production = new PersonalDataOptionsValidator(PersonalDataKeys.Environment(Environments.Production)).Validate(null, options);
        var development = new PersonalDataOptionsValidator(PersonalDataKeys.Environment(Environments.Development)).Validate(null, options);

        Assert.True(production.Failed);
        Assert.Equal(2, production.Failures!.Count());
        Assert.Contains(production.Failures!, failure => failure.Contains("UseDevelopmentKey", StringComparison.Ordinal));
        Assert.Contains(production.Failures!, failure => failure.Contains("Keys:acme:0:Key is the published development key", StringComparison.Ordinal));
        Assert.True(development.Succeeded);
        var ring = new PersonalDataKeyRing(Microsoft.Extensions.Options.Options.Create(new PersonalDataOptions { UseDevelopmentKey = true }), PersonalDataKeys.Environment(Environments.Development));
        Assert.Equal(PersonalDataKeyRing.DevelopmentKeyId, ring.ActiveKeyOf("any-tenant")!.Id);
    }

    [Fact]
    public void BadKeys_AreEachNamedBySetting()
    {
        var options = new PersonalDataOptions
        {
            Keys = new()
            {
                ["acme"] = [new() { Id = "k1", Key = "c2hvcnQ=" }, new() { Id = "k1", Key = PersonalDataKeys.NewKey() }, new() { Id = "bad id", Key = "not base64!" }],
                ["bad/tenant"] = [new() { Id = "k1", Key = PersonalDataKeys.NewKey() }],
                ["empty"] = [],
            },
            PolicyRefresh = TimeSpan.Zero,
        };

        var result = new PersonalDataOptionsValidator(PersonalDataKeys.Environment(Environments.Production)).Validate(null, options);

        string[] expected =
        [
            "History:PersonalData:PolicyRefresh",
            "History:PersonalData:Keys:acme:0:Key is not 32 bytes",
            "History:PersonalData:Keys:acme:2:Id",
            "History:PersonalData:Keys:acme:2:Key is not 32 bytes",
            "History:PersonalData:Keys:acme names key id 'k1' twice",
            "History:PersonalData:Keys: tenant id 'bad/tenant'",
            "History:PersonalData:Keys:empty lists no key",
        ];
        Assert.Equal(expected.Length, result.Failures!.Count());
        Assert.All(expected, start => Assert.Contains(result.Failures!, failure => failure.StartsWith(start, StringComparison.Ordinal)));
    }

    [Fact]
    public void Ciphertext_OfAnotherRow_OrAltered_OrUnderAnUnknownKey_DoesNotDecrypt()
    {
        var key = new PersonalDataKey("k1", Convert.FromBase64String(PersonalDataKeys.NewKey()));
        var ciphertext = PersonalDataCipher.Encrypt(key, "+442079460123", "interaction/acme/i-1");

        Assert.Equal("+442079460123", PersonalDataCipher.TryDecrypt([key], ciphertext, "interaction/acme/i-1"));
        Assert.Null(PersonalDataCipher.TryDecrypt([key], ciphertext, "interaction/acme/i-2"));
        Assert.Null(PersonalDataCipher.TryDecrypt([key], ciphertext, "interaction/other/i-1"));
        Assert.Null(PersonalDataCipher.TryDecrypt([key], ciphertext[..^4] + (ciphertext[^4] == 'A' ? "B" : "A") + ciphertext[^3..], "interaction/acme/i-1"));
        Assert.Null(PersonalDataCipher.TryDecrypt([new PersonalDataKey("k2", Convert.FromBase64String(PersonalDataKeys.NewKey()))], ciphertext, "interaction/acme/i-1"));
        Assert.Null(PersonalDataCipher.TryDecrypt([key], "v1:k1:***", "interaction/acme/i-1"));
    }

    [Theory]
    [InlineData("+442079460123", "•••••••••0123")]
    [InlineData("•••••••••0123", "•••••••••0123")]
    [InlineData("12345", "••••")]
    [InlineData("jane@example.com", "••••••••••••.com")]
    public void Mask_KeepsTheLastFour_OfLongEnoughValuesOnly(string value, string masked) => Assert.Equal(masked, PersonalDataMask.Mask(value));
}
