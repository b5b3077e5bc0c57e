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
/// Cancellation is checked on entry only: every Redis call is bounded by the short operation
/// timeout, and abandoning an in-flight call would leave its fault unobserved.
/// </summary>
public sealed class RedisPackStatusCache : IPackStatusCache, IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly CacheKeys _keys;
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
        _keys = new CacheKeys(options.KeyPrefix);
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

    public async ValueTask<PackView?> TryGetViewAsync(string productCode, string serialNumber, string batch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!CacheKeys.IsCacheable(productCode) || !_breaker.TryPass())
        {
            return null;
        }

        try
        {
            var db = _connection.GetDatabase();
            var productRead = db.StringGetAsync(_keys.Product(productCode));
            var packRead = db.StringGetAsync(_keys.Pack(productCode, serialNumber));
            var scannedRead = db.StringGetAsync(_keys.Batch(productCode, batch));
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
                        await db.StringGetAsync(_keys.Batch(productCode, entry.PackBatchName)).ConfigureAwait(false));
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
        ct.ThrowIfCancellationRequested();
        // Batch and pack keys are named by the product code, so without the product nothing is keyed.
        if (view.Product is not { } product || !CacheKeys.IsCacheable(product.ProductCode) || !_breaker.TryPass())
        {
            return ValueTask.CompletedTask;
        }

        return Guard(db => Task.WhenAll(ViewWrites(db, view, product)));
    }

    public ValueTask PutProductAsync(ProductRecord product, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!CacheKeys.IsCacheable(product.ProductCode) || !_breaker.TryPass())
        {
            return ValueTask.CompletedTask;
        }

        return Guard(db => WriteProduct(db, product));
    }

    public ValueTask PutBatchAsync(BatchRecord batch, string productCode, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!CacheKeys.IsCacheable(productCode) || !_breaker.TryPass())
        {
            return ValueTask.CompletedTask;
        }

        return Guard(db => WriteBatch(db, batch, productCode));
    }

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
    private List<Task> ViewWrites(IDatabase db, PackView view, ProductRecord product)
    {
        var code = product.ProductCode;
        var writes = new List<Task>(4) { WriteProduct(db, product) };
        if (view.ScannedBatch is { } scanned)
        {
            writes.Add(WriteBatch(db, scanned, code));
        }

        if (view.PackBatch is { } packBatch)
        {
            if (packBatch.Batch != view.ScannedBatch?.Batch)
            {
                writes.Add(WriteBatch(db, packBatch, code));
            }

            // The pack value names its batch, so it is only cached when that name is known to be right.
            if (view.Pack is { } pack && pack.BatchId == packBatch.Id)
            {
                writes.Add(Write(db, _keys.Pack(code, pack.SerialNumber), pack.Version, CacheEncoding.Encode(pack, packBatch.Batch), _packTtlMs));
            }
        }

        return writes;
    }

    private Task WriteProduct(IDatabase db, ProductRecord product) =>
        Write(db, _keys.Product(product.ProductCode), product.Version, CacheEncoding.Encode(product), _productTtlMs);

    private Task WriteBatch(IDatabase db, BatchRecord batch, string productCode) =>
        Write(db, _keys.Batch(productCode, batch.Batch), batch.Version, CacheEncoding.Encode(batch), _batchTtlMs);

    /// <summary>A value that cannot be encoded is simply not cached: the caller reads SQL next time.</summary>
    private static Task Write(IDatabase db, string key, long version, string? value, long ttlMs) =>
        value is null
            ? Task.CompletedTask
            : db.ScriptEvaluateAsync(VersionedWrite.Script, [key], [version, value, ttlMs]);

    /// <summary>Issuing the commands is inside the guard too, so not even a synchronous fault escapes.</summary>
    private async ValueTask Guard(Func<IDatabase, Task> write)
    {
        try
        {
            await write(_connection.GetDatabase()).ConfigureAwait(false);
            RecordSuccess();
        }
        catch (Exception ex)
        {
            RecordFault(ex);
        }
    }

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
