namespace Verifier.Core.Identification;

/// <summary>One application identifier (GS1) or data identifier (ASC MH10) as read from a scan.</summary>
/// <param name="Key">The AI or DI, e.g. "01", "21", "9N", "1T".</param>
/// <param name="Value">The value exactly as scanned (HRI escapes and URI percent-encoding removed).</param>
/// <param name="Position">Offset of the key's first character in the scanned text.</param>
/// <param name="KnownToFmd">Whether the key carries a unique-identifier element (product code, serial, batch, expiry, NHRN).</param>
public sealed record ScanElement(string Key, string Value, int Position, bool KnownToFmd);
