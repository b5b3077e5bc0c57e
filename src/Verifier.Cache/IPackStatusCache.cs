using Verifier.Core.Packs;

namespace Verifier.Cache;

// Placeholder until the cache branch lands.
public interface IPackStatusCache
{
    ValueTask<PackView?> TryGetViewAsync(string productCode, string serialNumber, string batch, CancellationToken ct);
    ValueTask PutViewAsync(PackView view, CancellationToken ct);
    ValueTask PutProductAsync(ProductRecord product);
    ValueTask PutBatchAsync(BatchRecord batch, string productCode);
    bool IsAvailable { get; }
}
