using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>Cache mode "None": every read is a miss, so every view comes from SQL.</summary>
public sealed class DisabledPackStatusCache : IPackStatusCache
{
    public bool IsAvailable => false;

    public ValueTask<PackView?> TryGetViewAsync(string productCode, string serialNumber, string batch, CancellationToken ct) => ValueTask.FromResult<PackView?>(null);

    public ValueTask PutViewAsync(PackView view, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask PutProductAsync(ProductRecord product, CancellationToken ct = default) => ValueTask.CompletedTask;

    public ValueTask PutBatchAsync(BatchRecord batch, string productCode, CancellationToken ct = default) => ValueTask.CompletedTask;
}
