using System.Security.Cryptography;
using System.Text;

namespace Verifier.Server.Identity;

/// <summary>API keys: random, shown once, stored only as their SHA-256 hash.</summary>
internal static class ApiKeys
{
    public const string Header = "x-api-key";

    public static string NewKey() => "vk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
