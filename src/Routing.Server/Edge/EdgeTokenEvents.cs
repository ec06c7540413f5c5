using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Routing.Server.Edge;

/// <summary>
/// What the edge adds to bearer-token validation: a ceiling on a token's lifetime, and a refusal that
/// tells a gRPC client why (expired, bad signature, too long-lived) in the status detail.
/// </summary>
/// <remarks>
/// The JWT handler's own challenge is HTTP 401 with the reason in a <c>WWW-Authenticate</c> header,
/// which a gRPC client reports only as "Bad gRPC response. HTTP status code: 401". A gRPC call is
/// answered instead as a trailers-only response with status <c>UNAUTHENTICATED</c> and the reason.
/// </remarks>
internal static class EdgeTokenEvents
{
    public static JwtBearerEvents Create(TimeSpan maxLifetime) => new()
    {
        OnTokenValidated = context =>
        {
            if (LifetimeProblem(context.SecurityToken, maxLifetime) is { } problem)
            {
                context.Fail(problem);
            }
            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            var http = context.HttpContext;
            if (!EdgeGrpcResponses.IsGrpc(http.Request))
            {
                return Task.CompletedTask;
            }
            context.HandleResponse();
            EdgeGrpcResponses.WriteTrailersOnly(http, Grpc.Core.StatusCode.Unauthenticated, Reason(context));
            return Task.CompletedTask;
        },
    };

    /// <summary>Why a token that passed signature and expiry checks is still refused, or null.</summary>
    internal static string? LifetimeProblem(SecurityToken token, TimeSpan maxLifetime)
    {
        var expires = token.ValidTo;
        var from = token.ValidFrom != DateTime.MinValue
            ? token.ValidFrom
            : token is JsonWebToken { IssuedAt: var issued } && issued != DateTime.MinValue ? issued : DateTime.UtcNow;
        var lifetime = expires - from;
        return lifetime > maxLifetime
            ? $"the token is valid for {Describe(lifetime)}, longer than the {Describe(maxLifetime)} this server accepts (Routing:Edge:Auth:MaxTokenLifetime); ask for a shorter-lived token"
            : null;
    }

    private static string Reason(JwtBearerChallengeContext context) => context.AuthenticateFailure switch
    {
        null => "the call carries no bearer token: send 'authorization: Bearer <token>'",
        SecurityTokenExpiredException expired => $"the token expired at {expired.Expires:u}; get a new one",
        SecurityTokenNotYetValidException early => $"the token is not valid before {early.NotBefore:u}",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the token's signature is not valid for this server",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the one this server trusts",
        SecurityTokenInvalidAudienceException => "the token's audience is not this server",
        SecurityTokenNoExpirationException => "the token has no expiry time",
        SecurityTokenMalformedException or ArgumentException => "the bearer token is malformed",
        AuthenticationFailureException failure => failure.Message,
        _ => "the bearer token is not valid",
    };

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{span.TotalDays:0} days" : span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : $"{span.TotalMinutes:0} minutes";
}
