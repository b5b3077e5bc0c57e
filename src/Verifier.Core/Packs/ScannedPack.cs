namespace Verifier.Core.Packs;

/// <summary>The pack as the request names it (product code, serial, batch and expiry as scanned).</summary>
public sealed record ScannedPack(string ProductCode, string SerialNumber, string Batch, string Expiry);
