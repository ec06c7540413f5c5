using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Routing.Contracts.Security;

namespace Routing.Server.Edge;

/// <summary>Bearer-token authentication of the edge, from <see cref="EdgeAuthOptions"/>.</summary>
internal static class EdgeAuthentication
{
    public static IServiceCollection AddEdgeAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EdgeAuthOptions>()
            .Bind(configuration.GetSection(EdgeAuthOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeAuthOptions>, EdgeAuthOptionsValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<EdgeAuthOptions>, TimeProvider>((jwt, edge, time) => Configure(jwt, edge.Value, time));
        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, EdgeAuthOptions edge, TimeProvider time)
    {
        // Keep the claim names as issued ("role", "tenant"), not mapped to the long SOAP URIs.
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new ValidatedTokenCache(time) { MapInboundClaims = false });
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = EdgeClaims.Subject,
            RoleClaimType = EdgeClaims.Role,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        jwt.Events = EdgeTokenEvents.Create(edge.MaxTokenLifetime);
        if (!string.IsNullOrEmpty(edge.SigningKey))
        {
            jwt.TokenValidationParameters.ValidIssuer = EdgeAuthOptions.DevelopmentIssuer;
            jwt.TokenValidationParameters.ValidAudience = EdgeAuthOptions.DevelopmentAudience;
            jwt.TokenValidationParameters.IssuerSigningKey = DevTokens.SecurityKey(edge.SigningKey);
        }
        else
        {
            jwt.Authority = edge.Authority;
            jwt.Audience = edge.Audience;
        }
    }
}
