using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// <see cref="IPackStatusCache"/> on Redis (or Garnet) through StackExchange.Redis. Key layout:
/// <see cref="CacheKeys"/>; value encoding: <see cref="CacheEncoding"/>; writes: <see cref="VersionedWrite"/>.
/// Only single-key commands are used, issued together so the multiplexer pipelines them, so the
/// same code runs against one Redis or a Redis Cluster. Production Redis runs with
/// <c>maxmemory</c> and <c>maxmemory-policy allkeys-lru</c>; together with the pack TTL that
/// bounds memory however many packs are scanned.
/// Cancellation is checked on entry of reads only: every Redis call is bounded by the short
/// operation timeout, and a write follows a durable commit, so it must not be abandoned.
/// <para>
/// Coherence: every key carries a generation. A write that cannot reach Redis (fault, open
/// breaker, unencodable value) may leave an older value behind, so it starts a new generation and
/// nothing written before is read again: the cache goes cold, never stale. Each instance starts
/// in a fresh generation, so a crash between commit and cache write cannot resurface either.
/// Old generations expire by TTL (and allkeys-lru).
/// </para>
/// </summary>
public sealed class RedisPackStatusCache : IPackStatusCache, IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly string _prefix;
    private CacheKeys _keys;
    private readonly OutageBreaker _breaker;
    private readonly ILogger _logger;
    private readonly long _packTtlMs;
    private readonly long _productTtlMs;
    private readonly long _batchTtlMs;
    private readonly TimeSpan _backOff;

    /// <summary>Uses a connection owned by the caller (e.g. shared with other Redis users).</summary>
    public RedisPackStatusCache(IConnectionMultiplexer connection, RedisCacheOptions options, ILogger<RedisPackStatusCache>? logger = null)
        : this(connection, ownsConnection: false, options, logger)
    {
    }

    private RedisPackStatusCache(IConnectionMultiplexer connection, bool ownsConnection, RedisCacheOptions options, ILogger? logger)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _prefix = options.KeyPrefix;
        _keys = options.Generation is { } generation ? new CacheKeys($"{_prefix}{generation}:") : NewGeneration(_prefix);
        _breaker = new OutageBreaker(options.BreakerBackOff);
        _logger = logger ?? NullLogger.Instance;
        _packTtlMs = TtlMilliseconds(options.PackTtl);
        _productTtlMs = TtlMilliseconds(options.ProductTtl);
        _batchTtlMs = TtlMilliseconds(options.BatchTtl);
        _backOff = options.BreakerBackOff;
    }

    /// <summary>
    /// Connects and owns the connection. Does not fail when Redis is down (AbortOnConnectFail is
    /// off): the server starts without its cache and the multiplexer keeps reconnecting.
    /// </summary>
    public static async Task<RedisPackStatusCache> ConnectAsync(RedisCacheOptions options, ILogger<RedisPackStatusCache>? logger = null)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(options.ToConfiguration()).ConfigureAwait(false);
        return new RedisPackStatusCache(connection, ownsConnection: true, options, logger);
    }

    public bool IsAvailable => !_breaker.IsOpen && _connection.IsConnected;

    /// <summary>The key prefix in use, generation included (for tests and diagnostics).</summary>
    public string KeyPrefix => Volatile.Read(ref _keys).Prefix;

    public async ValueTask<PackView?> TryGetViewAsync(string productCode, string serialNumber, string batch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!CacheKeys.IsCacheable(productCode) || !_breaker.TryPass())
        {
            return null;
        }

        var keys = Volatile.Read(ref _keys);
        try
        {
            var db = _connection.GetDatabase();
            var productRead = db.StringGetAsync(keys.Product(productCode));
            var packRead = db.StringGetAsync(keys.Pack(productCode, serialNumber));
            var scannedRead = db.StringGetAsync(keys.Batch(productCode, batch));
            await Task.WhenAll(productRead, packRead, scannedRead).ConfigureAwait(false);

            var product = CacheEncoding.DecodeProduct(productCode, await productRead.ConfigureAwait(false));
            var packEntry = CacheEncoding.DecodePack(serialNumber, await packRead.ConfigureAwait(false));
            var scannedBatch = CacheEncoding.DecodeBatch(batch, await scannedRead.ConfigureAwait(false));
            PackView? view = null;
            if (product is not null && packEntry is { } entry && scannedBatch is not null)
            {
                // The pack's batch differs from the scanned one only for a "serial under another
                // batch" scan (rare), so that case alone pays a second round trip.
                var packBatch = entry.PackBatchName == batch
                    ? scannedBatch
                    : CacheEncoding.DecodeBatch(
                        entry.PackBatchName,
                        await db.StringGetAsync(keys.Batch(productCode, entry.PackBatchName)).ConfigureAwait(false));
                view = Assemble(product, scannedBatch, entry.Pack, packBatch);
            }

            RecordSuccess();
            return view;
        }
        catch (Exception ex)
        {
            RecordFault(ex);
            return null;
        }
    }

    public ValueTask PutViewAsync(PackView view, CancellationToken ct)
    {
        // Batch and pack keys are named by the product code, so without the product nothing is keyed
        // (and nothing was ever cached for it).
        if (view.Product is not { } product || !CacheKeys.IsCacheable(product.ProductCode))
        {
            return ValueTask.CompletedTask;
        }

        return Guard(keys => db => Task.WhenAll(ViewWrites(db, keys, view, product)));
    }

    public ValueTask PutProductAsync(ProductRecord product, CancellationToken ct = default) =>
        CacheKeys.IsCacheable(product.ProductCode) ? Guard(keys => db => WriteProduct(db, keys, product)) : ValueTask.CompletedTask;

    public ValueTask PutBatchAsync(BatchRecord batch, string productCode, CancellationToken ct = default) =>
        CacheKeys.IsCacheable(productCode) ? Guard(keys => db => WriteBatch(db, keys, batch, productCode)) : ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    /// <summary>Parts cached at different times can disagree (a batch re-keyed); such a view is a miss.</summary>
    private static PackView? Assemble(ProductRecord product, BatchRecord scannedBatch, PackRecord pack, BatchRecord? packBatch)
    {
        var consistent = packBatch is not null
            && scannedBatch.ProductId == product.Id
            && packBatch.ProductId == product.Id
            && pack.BatchId == packBatch.Id;
        return consistent ? new PackView(product, scannedBatch, pack, packBatch) : null;
    }

    /// <summary>One write per present part, issued together so they are pipelined.</summary>
    private List<Task> ViewWrites(IDatabase db, CacheKeys keys, PackView view, ProductRecord product)
    {
        var code = product.ProductCode;
        var writes = new List<Task>(4) { WriteProduct(db, keys, product) };
        if (view.ScannedBatch is { } scanned)
        {
            writes.Add(WriteBatch(db, keys, scanned, code));
        }

        if (view.PackBatch is { } packBatch)
        {
            if (packBatch.Batch != view.ScannedBatch?.Batch)
            {
                writes.Add(WriteBatch(db, keys, packBatch, code));
            }

            // The pack value names its batch, so it is only cached when that name is known to be right.
            if (view.Pack is { } pack && pack.BatchId == packBatch.Id)
            {
                writes.Add(Write(db, keys.Pack(code, pack.SerialNumber), pack.Version, CacheEncoding.Encode(pack, packBatch.Batch), _packTtlMs));
            }
        }

        return writes;
    }

    private Task WriteProduct(IDatabase db, CacheKeys keys, ProductRecord product) =>
        Write(db, keys.Product(product.ProductCode), product.Version, CacheEncoding.Encode(product), _productTtlMs);

    private Task WriteBatch(IDatabase db, CacheKeys keys, BatchRecord batch, string productCode) =>
        Write(db, keys.Batch(productCode, batch.Batch), batch.Version, CacheEncoding.Encode(batch), _batchTtlMs);

    /// <summary>A value that cannot be encoded is removed instead, so an older one cannot stay behind.</summary>
    private static Task Write(IDatabase db, string key, long version, string? value, long ttlMs) =>
        value is null
            ? db.KeyDeleteAsync(key)
            : db.ScriptEvaluateAsync(VersionedWrite.Script, [key], [version, value, ttlMs]);

    /// <summary>
    /// Issuing the commands is inside the guard too, so not even a synchronous fault escapes. A write
    /// that does not happen (open breaker, fault) starts a new generation: see the class remarks.
    /// </summary>
    private async ValueTask Guard(Func<CacheKeys, Func<IDatabase, Task>> write)
    {
        var keys = Volatile.Read(ref _keys);
        if (!_breaker.TryPass())
        {
            StartNewGeneration(keys);
            return;
        }

        try
        {
            await write(keys)(_connection.GetDatabase()).ConfigureAwait(false);
            RecordSuccess();
        }
        catch (Exception ex)
        {
            StartNewGeneration(keys);
            RecordFault(ex);
        }
    }

    /// <summary>Only the first writer to see <paramref name="failed"/> moves on; later ones find the new generation already there.</summary>
    private void StartNewGeneration(CacheKeys failed)
    {
        if (Interlocked.CompareExchange(ref _keys, NewGeneration(_prefix), failed) == failed)
        {
            _logger.LogInformation("Pack status cache: a write was lost, starting a new generation {Prefix}", Volatile.Read(ref _keys).Prefix);
        }
    }

    private static CacheKeys NewGeneration(string prefix) =>
        new($"{prefix}{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}:");

    private void RecordSuccess()
    {
        if (_breaker.RecordSuccess())
        {
            _logger.LogInformation("Pack status cache reachable again");
        }
    }

    private void RecordFault(Exception ex)
    {
        // Logged once per outage, not per request: during an outage every request would fault.
        if (_breaker.RecordFault())
        {
            _logger.LogWarning(ex, "Pack status cache unreachable; serving from SQL, retrying Redis after {BackOff}", _backOff);
        }
    }

    private static long TtlMilliseconds(TimeSpan ttl) => Math.Max(1, (long)ttl.TotalMilliseconds);
}
