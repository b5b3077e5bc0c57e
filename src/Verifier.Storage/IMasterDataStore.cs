using Verifier.Core.Identification;
using Verifier.Core.Packs;

namespace Verifier.Storage;

/// <summary>A product's master data as the MAH declares it (DR Art 33(2)); every change is a new version.</summary>
public sealed record ProductMasterData(
    string ProductCode,
    ProductCodeScheme Scheme,
    string Name,
    string CommonName,
    string PharmaceuticalForm,
    string Strength,
    int PackSize,
    string PackType,
    IReadOnlyList<string> TargetMarkets,
    string? Nhrn,
    string OwnerId);

/// <param name="Version">The version now current.</param>
/// <param name="Changed">False when the data equalled the current version, or the upsert was refused, and nothing was stored.</param>
/// <param name="OwnedByAnother">True when the product belongs to another owner and the caller may not change owners: refused.</param>
public sealed record ProductUpsertResult(int Version, bool Changed, bool OwnedByAnother);

/// <summary>The header of a batch upload: which batch, and the uploader's own id for idempotency.</summary>
public sealed record UploadHeader(string UploadId, string ProductCode, string Batch, string Expiry);

/// <summary>One reason an upload is refused. Position is the zero-based serial position, -1 for the header.</summary>
public sealed record UploadProblem(string Code, long Position, string? SerialNumber, string Message);

public enum UploadStatus
{
    Committed = 1,
    Rejected = 2,
    Validated = 3,
}

public sealed record UploadResult(
    string UploadId,
    UploadStatus Status,
    long ReceivedCount,
    long StoredCount,
    long RejectedCount,
    IReadOnlyList<UploadProblem> Problems,
    bool Replayed);

/// <summary>The stable problem codes of an upload (docs/uploads.md).</summary>
public static class UploadProblemCodes
{
    public const string SerialDuplicateInUpload = "SERIAL_DUPLICATE_IN_UPLOAD";
    public const string SerialExists = "SERIAL_EXISTS";
    public const string SerialCharset = "SERIAL_CHARSET";
    public const string SerialLength = "SERIAL_LENGTH";
    public const string BatchExpiryConflict = "BATCH_EXPIRY_CONFLICT";
    public const string BatchExists = "BATCH_EXISTS";
    public const string BatchUploadInProgress = "BATCH_UPLOAD_IN_PROGRESS";
    public const string UploadIdReused = "UPLOAD_ID_REUSED";
    public const string CountMismatch = "COUNT_MISMATCH";
    public const string UploadTooLarge = "UPLOAD_TOO_LARGE";
    public const string NoSerials = "NO_SERIALS";
}

/// <summary>What opening an upload found: a started upload, an earlier result to replay, or a header problem.</summary>
public sealed record UploadOpening(IBatchUpload? Upload, UploadResult? Replay, UploadProblem? HeaderProblem);

/// <summary>
/// Serials an upload found already stored for the product: every one counted, and only the first
/// by position described (only so many problems are reported), so a re-sent batch of millions
/// costs a counter rather than a query and an object per serial.
/// </summary>
/// <param name="Described">At most the requested number, in position order.</param>
public sealed record ExistingSerials(long Count, IReadOnlyList<UploadProblem> Described);

/// <summary>
/// One batch upload in progress. Serials are stored invisibly as they arrive; <see cref="CommitAsync"/>
/// makes the whole batch visible at once and <see cref="AbortAsync"/> (or the next start-up, after a
/// crash) removes every trace. Serial content checks are the caller's, duplicates within the upload
/// included; this reports only what the store knows: serials that already exist for the product.
/// </summary>
public interface IBatchUpload
{
    /// <summary>
    /// Stores serials invisibly, in chunks the store chooses, and reports those already stored for
    /// the product. Once one is found the upload cannot commit any more, so the rest are only
    /// checked, not written. <paramref name="positions"/> are the serials' positions in the upload;
    /// at most <paramref name="describeLimit"/> found serials, the first by position, are described.
    /// </summary>
    Task<ExistingSerials> StoreAsync(IReadOnlyList<string> serialNumbers, IReadOnlyList<long> positions, int describeLimit, CancellationToken cancellationToken);

    /// <summary>Reports serials already stored for the product without storing anything (after a problem, or validate-only).</summary>
    Task<ExistingSerials> CheckAsync(IReadOnlyList<string> serialNumbers, IReadOnlyList<long> positions, int describeLimit, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the batch visible and records the upload and its audit row, in one small transaction.
    /// Build <paramref name="context"/> when committing: its timestamp is the upload's finish time.
    /// Refused after <see cref="StoreAsync"/> found a serial already stored.
    /// </summary>
    Task<UploadResult> CommitAsync(long receivedCount, TransactionContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the upload is alive (its stream is still arriving), so that no instance removes
    /// it as abandoned (<see cref="IMasterDataStore.RemoveUnfinishedUploadsAsync"/>). Fails when
    /// it was removed already.
    /// </summary>
    Task TouchAsync(CancellationToken cancellationToken);

    /// <summary>Deletes whatever this upload stored. Safe to call more than once and after a failed commit.</summary>
    Task AbortAsync(CancellationToken cancellationToken);
}

/// <param name="CacheEpoch">The cache epoch read in the recall's transaction (after any advance).</param>
public sealed record RecallResult(long PackCount, bool Changed, BatchRecord Batch, long CacheEpoch);

/// <param name="CacheEpoch">The cache epoch read in the withdrawal's transaction (after any advance).</param>
public sealed record WithdrawResult(bool Changed, ProductRecord Product, long CacheEpoch);

public sealed record BatchSummary(string ProductCode, string Batch, string Expiry, bool Recalled, long PackCount, IReadOnlyDictionary<PackState, long> Counts);

/// <summary>
/// Master data and serial uploads. Provider-neutral: SQLite implements uploads with prepared
/// statements in chunked transactions, SQL Server can use SqlBulkCopy or table-valued parameters.
/// </summary>
public interface IMasterDataStore
{
    Task<ProductRecord?> FindProductAsync(string productCode, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new version unless the data equals the current one. The owner check is made inside
    /// the write, so two MAHs racing for a new product code cannot both win.
    /// </summary>
    Task<ProductUpsertResult> UpsertProductAsync(ProductMasterData product, bool allowOwnerChange, TransactionContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an upload: replays the earlier result when this client committed the upload id before,
    /// refuses a batch that exists with another expiry (or at all), else creates the invisible batch.
    /// With <paramref name="validateOnly"/> nothing is created and the upload only checks.
    /// </summary>
    Task<UploadOpening> OpenUploadAsync(UploadHeader header, TransactionContext context, bool validateOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Recalls a visible batch; null when the product or batch is unknown. A change advances the
    /// cache epoch in its transaction unless <paramref name="isMarkedInCache"/> answers true then
    /// (as <see cref="PackCommand.IsMarkedInCache"/>, for the batch's key).
    /// </summary>
    Task<RecallResult?> RecallBatchAsync(
        string productCode, string batch, string? reason, TransactionContext context, Func<bool> isMarkedInCache, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws a product from a market; only a withdrawal in the market this system serves
    /// (<paramref name="servedMarket"/>) changes answers. Null when the product is unknown. A change
    /// of answers advances the cache epoch unless <paramref name="isMarkedInCache"/> answers true then.
    /// </summary>
    Task<WithdrawResult?> WithdrawProductAsync(
        string productCode, string market, string servedMarket, string? reason, TransactionContext context, Func<bool> isMarkedInCache,
        CancellationToken cancellationToken);

    /// <summary>Pack counts per state of a visible batch; null when the product or batch is unknown.</summary>
    Task<BatchSummary?> BatchSummaryAsync(string productCode, string batch, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what uploads interrupted by a crash left behind (their invisible batches, packs and
    /// pending upload rows) and returns how many batches went. An upload counts as abandoned once
    /// it was not touched for <paramref name="idleFor"/> (<see cref="IBatchUpload.TouchAsync"/>, and every stored chunk), so
    /// any instance may run this while uploads are streaming into other instances.
    /// </summary>
    Task<int> RemoveUnfinishedUploadsAsync(TimeSpan idleFor, CancellationToken cancellationToken);
}
