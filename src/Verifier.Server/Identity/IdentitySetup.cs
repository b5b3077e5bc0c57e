using Verifier.Server.Admin;

namespace Verifier.Server.Identity;

internal static class IdentitySetup
{
    /// <summary>Authentication by API key and client certificate, with revocation seen by every instance (see <see cref="CredentialCache"/>).</summary>
    public static IServiceCollection AddCallerIdentity(this IServiceCollection services)
    {
        services.AddSingleton<CredentialCache>();
        services.AddHostedService(provider => provider.GetRequiredService<CredentialCache>());
        services.AddSingleton<ClientCertificateTrust>();
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<CallerInterceptor>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<ClientCredentials>();
        return services;
    }
}
