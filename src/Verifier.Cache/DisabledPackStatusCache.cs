using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// Cache mode "None": every read is a miss, so every view comes from SQL, and with no cached
/// value anywhere every change is covered. Every instance on one store must then run without a
/// cache: an instance that caches relies on the others to mark and publish.
/// </summary>
public sealed class DisabledPackStatusCache : IPackStatusCache
{
    public bool IsAvailable => false;

    public event Action? Reconnected
    {
        add { }
        remove { }
    }

    public ValueTask<CacheLookup> LookUpAsync(string productCode, string serialNumber, string batch, CancellationToken ct) =>
        ValueTask.FromResult(CacheLookup.Miss);

    public ValueTask<CacheMark> MarkPackAsync(string productCode, string serialNumber) => ValueTask.FromResult(CacheMark.NoCache);

    public ValueTask<CacheMark> MarkBatchAsync(string productCode, string batch) => ValueTask.FromResult(CacheMark.NoCache);

    public ValueTask<CacheMark> MarkProductAsync(string productCode) => ValueTask.FromResult(CacheMark.NoCache);

    public ValueTask<CacheWrite> PutViewAsync(PackView view, long epoch, long readAt, CacheMark? mark = null, CacheLookup? found = null) =>
        ValueTask.FromResult(CacheWrite.NotSent);

    public ValueTask<CacheWrite> PutBatchAsync(BatchRecord batch, string productCode, long epoch, long readAt, CacheMark? mark = null) =>
        ValueTask.FromResult(CacheWrite.NotSent);

    public ValueTask<CacheWrite> PutProductAsync(ProductRecord product, long epoch, long readAt, CacheMark? mark = null) =>
        ValueTask.FromResult(CacheWrite.NotSent);
}
