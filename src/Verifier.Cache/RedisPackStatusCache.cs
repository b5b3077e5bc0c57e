using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// <see cref="IPackStatusCache"/> on Redis (or Garnet) through StackExchange.Redis. Key layout:
/// <see cref="CacheKeys"/>; value encoding: <see cref="CacheEncoding"/>; writes: <see cref="CacheScripts"/>.
/// Only single-key commands are used, issued together so the multiplexer pipelines them, so the
/// same code runs against one Redis or a Redis Cluster. Production Redis runs with
/// <c>maxmemory</c> and <c>maxmemory-policy allkeys-lru</c>; together with the pack TTL that
/// bounds memory however many packs are scanned.
/// <para>
/// Every instance shares every key. Coherence rests on three rules (docs/cache-coherence.md): a
/// value carries the epoch of the SQL snapshot it came from and readers report it, so the store
/// can refuse a view from an old epoch; a change is marked before it commits and published after;
/// a write that Redis did not answer is reported <see cref="CacheWrite.Unconfirmed"/>, since it
/// may still land, and the caller advances the epoch.
/// </para>
/// Cancellation is checked on entry of reads only: every Redis call is bounded by the short
/// operation timeout, and a write follows a durable commit, so it must not be abandoned.
/// </summary>
public sealed class RedisPackStatusCache : IPackStatusCache, IAsyncDisposable, IDisposable
{
    /// <summary>Slack between a marker's end and the last commit it covers, for clock rates and scheduling.</summary>
    private static readonly TimeSpan CoverMargin = TimeSpan.FromSeconds(5);

    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly CacheKeys _keys;
    private readonly OutageBreaker _breaker;
    private readonly ILogger _logger;
    private readonly long _packTtlMs;
    private readonly long _productTtlMs;
    private readonly long _batchTtlMs;
    private readonly long _markTtlMs;
    private readonly long _coverTicks;
    private readonly TimeSpan _maxWriteAge;
    private readonly TimeSpan _backOff;

    /// <summary>Uses a connection owned by the caller (e.g. shared with other Redis users).</summary>
    public RedisPackStatusCache(IConnectionMultiplexer connection, RedisCacheOptions options, ILogger<RedisPackStatusCache>? logger = null)
        : this(connection, ownsConnection: false, options, logger)
    {
    }

    private RedisPackStatusCache(IConnectionMultiplexer connection, bool ownsConnection, RedisCacheOptions options, ILogger? logger)
    {
        var cover = CoverWindow(options);
        _connection = connection;
        _ownsConnection = ownsConnection;
        _keys = new CacheKeys(options.KeyPrefix);
        _breaker = new OutageBreaker(options.BreakerBackOff);
        _logger = logger ?? NullLogger.Instance;
        _packTtlMs = TtlMilliseconds(options.PackTtl);
        _productTtlMs = TtlMilliseconds(options.ProductTtl);
        _batchTtlMs = TtlMilliseconds(options.BatchTtl);
        _markTtlMs = TtlMilliseconds(options.MarkTtl);
        _coverTicks = (long)(cover.TotalSeconds * Stopwatch.Frequency);
        _maxWriteAge = options.MaxWriteAge;
        _backOff = options.BreakerBackOff;
        _connection.ConnectionRestored += OnConnectionRestored;
    }

    public event Action? Reconnected;

    /// <summary>
    /// Connects and owns the connection. Does not fail when Redis is down (AbortOnConnectFail is
    /// off): the server starts without its cache and the multiplexer keeps reconnecting.
    /// </summary>
    public static async Task<RedisPackStatusCache> ConnectAsync(RedisCacheOptions options, ILogger<RedisPackStatusCache>? logger = null)
    {
        // Checked before connecting, so a bad setting leaves no connection behind.
        CoverWindow(options);
        var connection = await ConnectionMultiplexer.ConnectAsync(options.ToConfiguration()).ConfigureAwait(false);
        return new RedisPackStatusCache(connection, ownsConnection: true, options, logger);
    }

    public bool IsAvailable => !_breaker.IsOpen && _connection.IsConnected;

    /// <summary>The key prefix in use (for tests and diagnostics).</summary>
    public string KeyPrefix => _keys.Prefix;

    public async ValueTask<CacheLookup> LookUpAsync(string productCode, string serialNumber, string batch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!CacheKeys.IsCacheable(productCode) || !_breaker.TryPass())
        {
            return CacheLookup.Miss;
        }

        using var span = CacheTelemetry.Source.StartActivity("cache.get");
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
            CachedView? view = null;
            if (product is { } p && packEntry is { } entry && scannedBatch is { } scanned)
            {
                // The pack's batch differs from the scanned one only for a "serial under another
                // batch" scan (rare), so that case alone pays a second round trip.
                var packBatch = entry.PackBatchName == batch
                    ? scanned
                    : CacheEncoding.DecodeBatch(
                        entry.PackBatchName,
                        await db.StringGetAsync(_keys.Batch(productCode, entry.PackBatchName)).ConfigureAwait(false));
                view = Assemble(p, scanned, (entry.Pack, entry.Epoch), packBatch);
            }

            span?.SetTag("verifier.cache.hit", view is not null);
            RecordSuccess();
            return new CacheLookup(
                view,
                product is { } found ? new CachedStamp(found.Product.Version, found.Epoch) : null,
                scannedBatch is { } foundBatch ? new CachedStamp(foundBatch.Batch.Version, foundBatch.Epoch) : null);
        }
        catch (Exception ex)
        {
            CacheTelemetry.Fault(span, ex);
            RecordFault(ex);
            return CacheLookup.Miss;
        }
    }

    public ValueTask<CacheMark> MarkPackAsync(string productCode, string serialNumber) =>
        MarkAsync(productCode, () => _keys.Pack(productCode, serialNumber));

    public ValueTask<CacheMark> MarkBatchAsync(string productCode, string batch) =>
        MarkAsync(productCode, () => _keys.Batch(productCode, batch));

    public ValueTask<CacheMark> MarkProductAsync(string productCode) =>
        MarkAsync(productCode, () => _keys.Product(productCode));

    public ValueTask<CacheWrite> PutViewAsync(PackView view, long epoch, long readAt, CacheMark? mark = null, CacheLookup? found = null)
    {
        // Batch and pack keys are named by the product code, so without the product nothing is keyed
        // (and nothing was ever cached for it); a marker still has to go.
        if (view.Product is not { } product || !CacheKeys.IsCacheable(product.ProductCode))
        {
            return ReleaseAsync(mark);
        }

        return WriteAsync(readAt, mark, db => ViewWrites(db, view, product, epoch, mark, found));
    }

    public ValueTask<CacheWrite> PutProductAsync(ProductRecord product, long epoch, long readAt, CacheMark? mark = null) =>
        CacheKeys.IsCacheable(product.ProductCode)
            ? WriteAsync(readAt, mark, db => [WriteProduct(db, product, epoch, mark)])
            : ReleaseAsync(mark);

    public ValueTask<CacheWrite> PutBatchAsync(BatchRecord batch, string productCode, long epoch, long readAt, CacheMark? mark = null) =>
        CacheKeys.IsCacheable(productCode)
            ? WriteAsync(readAt, mark, db => [WriteBatch(db, batch, productCode, epoch, mark)])
            : ReleaseAsync(mark);

    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionRestored -= OnConnectionRestored;
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _connection.ConnectionRestored -= OnConnectionRestored;
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    /// <summary>Parts cached at different times can disagree (a batch re-keyed, an epoch between them); such a view is a miss.</summary>
    private static CachedView? Assemble(
        (ProductRecord Value, long Epoch) product, (BatchRecord Value, long Epoch) scanned, (PackRecord Value, long Epoch) pack,
        (BatchRecord Value, long Epoch)? packBatch)
    {
        var consistent = packBatch is { } own
            && scanned.Value.ProductId == product.Value.Id
            && own.Value.ProductId == product.Value.Id
            && pack.Value.BatchId == own.Value.Id
            && scanned.Epoch == product.Epoch && pack.Epoch == product.Epoch && own.Epoch == product.Epoch;
        return consistent ? new CachedView(new PackView(product.Value, scanned.Value, pack.Value, packBatch!.Value.Value), product.Epoch) : null;
    }

    /// <summary>
    /// One write per present part, issued together so they are pipelined; the marked key, if not among
    /// them, is released. A fill leaves out the parts <paramref name="found"/> saw current: same
    /// version, same epoch. A publish writes them all: its marker may be on any of them.
    /// </summary>
    private List<Task<RedisResult>> ViewWrites(IDatabase db, PackView view, ProductRecord product, long epoch, CacheMark? mark, CacheLookup? found)
    {
        var code = product.ProductCode;
        var fill = mark is null;
        var writes = new List<Task<RedisResult>>(5);
        if (!fill || found?.Product != new CachedStamp(product.Version, epoch))
        {
            writes.Add(WriteProduct(db, product, epoch, mark));
        }

        if (view.ScannedBatch is { } scanned && (!fill || found?.ScannedBatch != new CachedStamp(scanned.Version, epoch)))
        {
            writes.Add(WriteBatch(db, scanned, code, epoch, mark));
        }

        if (view.PackBatch is { } packBatch && packBatch.Batch != view.ScannedBatch?.Batch)
        {
            writes.Add(WriteBatch(db, packBatch, code, epoch, mark));
        }

        var packKey = view.Pack is { } pack ? _keys.Pack(code, pack.SerialNumber) : null;
        // The pack value names its batch, so it is only cached when that name is known to be right.
        if (view.Pack is { } cached && view.PackBatch is { } own && cached.BatchId == own.Id)
        {
            writes.Add(Write(db, packKey!, CacheEncoding.Encode(cached, own.Batch), epoch, _packTtlMs, TokenFor(packKey!, mark)));
        }
        else if (packKey is not null && mark?.Key == packKey)
        {
            writes.Add(Release(db, mark));
        }

        if (mark?.Key is { } marked && marked != packKey && !IsViewKey(marked, view, code))
        {
            writes.Add(Release(db, mark));
        }

        return writes;
    }

    private bool IsViewKey(string key, PackView view, string code) =>
        key == _keys.Product(code)
        || (view.ScannedBatch is { } scanned && key == _keys.Batch(code, scanned.Batch))
        || (view.PackBatch is { } own && key == _keys.Batch(code, own.Batch));

    private Task<RedisResult> WriteProduct(IDatabase db, ProductRecord product, long epoch, CacheMark? mark)
    {
        var key = _keys.Product(product.ProductCode);
        return Write(db, key, CacheEncoding.Encode(product), epoch, _productTtlMs, TokenFor(key, mark));
    }

    private Task<RedisResult> WriteBatch(IDatabase db, BatchRecord batch, string productCode, long epoch, CacheMark? mark)
    {
        var key = _keys.Batch(productCode, batch.Batch);
        return Write(db, key, CacheEncoding.Encode(batch), epoch, _batchTtlMs, TokenFor(key, mark));
    }

    private static string TokenFor(string key, CacheMark? mark) => mark?.Key == key ? mark.Token : "";

    /// <summary>
    /// A value that cannot be encoded is not written; with a marker, the marker is removed and, as
    /// for any release without a payload, the key goes, so an older value cannot stay behind.
    /// </summary>
    private Task<RedisResult> Write(IDatabase db, string key, CacheEncoding.Encoded? encoded, long epoch, long ttlMs, string token) =>
        encoded is { } value
            ? db.ScriptEvaluateAsync(CacheScripts.Write, [key], [value.Version, epoch, value.Payload, ttlMs, token, _markTtlMs])
            : token.Length > 0
                ? Release(db, key, token)
                : Task.FromResult(RedisResult.Create(0));

    private Task<RedisResult> Release(IDatabase db, CacheMark mark) => Release(db, mark.Key!, mark.Token);

    /// <summary>Removes one marker without a payload (the script then deletes the key if it was the last).</summary>
    private Task<RedisResult> Release(IDatabase db, string key, string token) =>
        db.ScriptEvaluateAsync(CacheScripts.Write, [key], [0, 0, "", _markTtlMs, token, _markTtlMs]);

    private ValueTask<CacheWrite> ReleaseAsync(CacheMark? mark) =>
        mark?.Key is null || !mark.Confirmed
            ? ValueTask.FromResult(CacheWrite.NotSent)
            : WriteAsync(Stopwatch.GetTimestamp(), mark, db => [Release(db, mark)]);

    private async ValueTask<CacheMark> MarkAsync(string productCode, Func<string> key)
    {
        if (!CacheKeys.IsCacheable(productCode))
        {
            // Never cached, so nothing can go stale.
            return CacheMark.NoCache;
        }

        var markKey = key();
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        if (!_breaker.TryPass())
        {
            return CacheMark.Unconfirmed(markKey, token);
        }

        // The marker's life is counted from before it is sent: it can only have started later.
        var sentAt = Stopwatch.GetTimestamp();
        using var span = CacheTelemetry.Source.StartActivity("cache.mark");
        try
        {
            await _connection.GetDatabase().ScriptEvaluateAsync(CacheScripts.Mark, [markKey], [token, _markTtlMs]).ConfigureAwait(false);
            RecordSuccess();
            return new CacheMark(markKey, token, confirmed: true, sentAt + _coverTicks);
        }
        catch (Exception ex)
        {
            CacheTelemetry.Fault(span, ex);
            RecordFault(ex);
            return CacheMark.Unconfirmed(markKey, token);
        }
    }

    /// <summary>
    /// Sends the writes unless the breaker is open or the value is too old to send (then nothing is
    /// sent, and an unpublished marker simply expires). Issuing the commands is inside the guard
    /// too, so not even a synchronous fault escapes.
    /// </summary>
    private async ValueTask<CacheWrite> WriteAsync(long readAt, CacheMark? mark, Func<IDatabase, List<Task<RedisResult>>> writes)
    {
        if (mark is { Confirmed: false } || Stopwatch.GetElapsedTime(readAt) > _maxWriteAge || !_breaker.TryPass())
        {
            // An unconfirmed marker may never have landed; then a publish would be a fill, and fills
            // are not the writer's business: its commit advanced the epoch instead.
            return CacheWrite.NotSent;
        }

        using var span = CacheTelemetry.Source.StartActivity("cache.write");
        try
        {
            await Task.WhenAll(writes(_connection.GetDatabase())).ConfigureAwait(false);
            RecordSuccess();
            return CacheWrite.Confirmed;
        }
        catch (Exception ex)
        {
            CacheTelemetry.Fault(span, ex);
            RecordFault(ex);
            return CacheWrite.Unconfirmed;
        }
    }

    /// <summary>Only the interactive connection carries cache commands; the subscription connection's restores say nothing about data.</summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            Reconnected?.Invoke();
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

    /// <summary>How long after it was sent a marker still covers a commit (docs/cache-coherence.md).</summary>
    private static TimeSpan CoverWindow(RedisCacheOptions options)
    {
        var cover = options.MarkTtl - options.MaxWriteAge - CoverMargin;
        return cover > TimeSpan.Zero
            ? cover
            : throw new ArgumentException($"MarkTtl must exceed MaxWriteAge by more than {CoverMargin}.", nameof(options));
    }

    private static long TtlMilliseconds(TimeSpan ttl) => Math.Max(1, (long)ttl.TotalMilliseconds);
}
