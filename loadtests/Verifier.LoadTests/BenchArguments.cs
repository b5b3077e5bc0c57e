using System.Globalization;

namespace Verifier.LoadTests;

/// <summary>"--name value" pairs after the command's name.</summary>
internal sealed class BenchArguments(string[] args)
{
    public bool Help => args.Contains("--help") || args.Contains("-h");

    public string? Text(string name) =>
        Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public long Number(string name, long fallback) => Text(name) is { } text ? long.Parse(text.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;

    public double Decimal(string name, double fallback) =>
        Text(name) is { } text ? double.Parse(text.Replace("_", ""), CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// Server settings passed through unchanged (<c>--Verifier:Storage:Provider=SqlServer</c> ...), so a
    /// benchmark runs on any store provider or cache with configuration alone.
    /// </summary>
    public string[] ServerSettings => args.Where(a => a.StartsWith("--Verifier:", StringComparison.Ordinal) && a.Contains('=')).ToArray();
}
