using System.Security.Cryptography;

namespace Verifier.Cli.Upload;

/// <summary>
/// Deterministic upload ids, one per batch: "&lt;prefix&gt;/&lt;product&gt;/&lt;batch&gt;". The prefix is the
/// user's --upload-id or the file's SHA-256, so re-running the same command (or the same file)
/// sends the same ids and the server skips every batch it already committed.
/// </summary>
internal static class UploadIds
{
    public const int MaxPrefixLength = 48;

    public static bool IsValidPrefix(string prefix) =>
        prefix.Length is > 0 and <= MaxPrefixLength && prefix.All(c => c is > ' ' and <= '~');

    public static string For(string prefix, string productCode, string batch) => $"{prefix}/{productCode}/{batch}";

    /// <summary>One pass over the file: its hash (for the default prefix) and its line count (for progress).</summary>
    public static (string Prefix, long Lines) Scan(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return ("sha256-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..24], lines);
    }
}
