namespace Verifier.Core.Packs;

/// <summary>A product as the verification needs it: its state in this market.</summary>
public sealed record ProductRecord(long Id, string ProductCode, string OwnerId, bool Withdrawn, long Version);

/// <summary>A batch of a product. <see cref="Expiry"/> is YYMMDD exactly as printed.</summary>
public sealed record BatchRecord(long Id, long ProductId, string Batch, string Expiry, bool Recalled, long Version);

/// <summary>A pack's own state and who changed it last (needed for undo and double-scan rules).</summary>
public sealed record PackRecord(
    long BatchId,
    string SerialNumber,
    PackState State,
    long Version,
    DateTimeOffset? ChangedAt,
    string? ChangedByClient,
    string? ChangedByLocation,
    int RepeatCount);

/// <summary>
/// Everything known about one scanned pack: the product, the batch the scan names, the pack
/// itself and, when the pack lives in another batch, that batch. Any part may be missing.
/// </summary>
public sealed record PackView(ProductRecord? Product, BatchRecord? ScannedBatch, PackRecord? Pack, BatchRecord? PackBatch)
{
    public static readonly PackView Unknown = new(null, null, null, null);

    /// <summary>
    /// The versions of every part; two views with equal stamps give equal decisions, which is
    /// how a commit proves that a view read from the cache was still current.
    /// </summary>
    public ViewStamp Stamp => new(
        Product?.Version ?? -1, ScannedBatch?.Version ?? -1, Pack?.Version ?? -1, PackBatch?.Version ?? -1);
}

public readonly record struct ViewStamp(long Product, long ScannedBatch, long Pack, long PackBatch);
