namespace Verifier.Server.Tests.Infrastructure;

/// <summary>The demo clients' public keys (src/Verifier.Server/Hosting/DemoClients.cs).</summary>
public static class DemoKeys
{
    public const string PharmacyBerlin = "demo-pharmacy-berlin";
    public const string PharmacyMunich = "demo-pharmacy-munich";
    public const string Hospital = "demo-hospital-hamburg";
    public const string Wholesaler = "demo-wholesaler-north";
    public const string MahAcme = "demo-mah-acme";
    public const string MahGlobex = "demo-mah-globex";
    public const string Operator = "demo-operator";
}
