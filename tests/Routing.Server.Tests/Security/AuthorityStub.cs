using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Routing.Server.Tests.Security;

/// <summary>Answers the two requests the JWT handler makes to an OpenID Connect authority (the discovery
/// document and its signing keys) for an RSA key the test holds, without a network.</summary>
public sealed class AuthorityStub(string authority, RSA key, string keyId) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var path = request.RequestUri!.AbsoluteUri;
        var body = path switch
        {
            _ when path == $"{authority}/.well-known/openid-configuration" =>
                $$"""{ "issuer": "{{authority}}", "jwks_uri": "{{authority}}/jwks", "id_token_signing_alg_values_supported": ["RS256"] }""",
            _ when path == $"{authority}/jwks" => Jwks(),
            _ => null,
        };
        return Task.FromResult(body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private string Jwks()
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return $$"""{ "keys": [ { "kty": "RSA", "use": "sig", "alg": "RS256", "kid": "{{keyId}}", "n": "{{Base64UrlEncoder.Encode(parameters.Modulus)}}", "e": "{{Base64UrlEncoder.Encode(parameters.Exponent)}}" } ] }""";
    }
}
