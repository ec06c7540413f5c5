using Routing.Sip.Authentication;
using Xunit;

namespace Routing.Sip.Tests.Registrar;

/// <summary>The digest computations against the examples of RFC 7616 §3.9.1 (Mufasa, "Circle of Life").</summary>
public sealed class DigestCalculatorTests
{
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string ClientNonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616Example_GivesTheRfcsResponse(string algorithmName, string expected)
    {
        var algorithm = DigestAlgorithm.Find(algorithmName)!;
        var ha1 = DigestCalculator.Ha1(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life");

        var response = DigestCalculator.Response(algorithm, ha1, Nonce, "00000001", ClientNonce, "GET", "/dir/index.html");

        Assert.Equal(expected, response);
    }

    [Fact]
    public void AccountFromPassword_KeepsBothHa1Values()
    {
        var account = SipAccount.FromPassword("Mufasa", "http-auth@example.org", "Circle of Life");

        Assert.Equal(64, account.Ha1Sha256!.Length);
        Assert.Equal(DigestCalculator.Ha1(DigestAlgorithm.Md5, "Mufasa", "http-auth@example.org", "Circle of Life"), account.Ha1Md5);
    }

    [Fact]
    public void AbsentAlgorithm_MeansMd5_AndUnknownIsRefused()
    {
        Assert.Same(DigestAlgorithm.Md5, DigestAlgorithm.Find(null));
        Assert.Same(DigestAlgorithm.Sha256, DigestAlgorithm.Find("sha-256"));
        Assert.Null(DigestAlgorithm.Find("SHA-512-256"));
    }
}
