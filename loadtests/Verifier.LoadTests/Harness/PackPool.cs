using Verifier.Core.Packs;
using Verifier.V1;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// The packs a run works on. Fresh packs are handed out once each (a pack is dispensed once);
/// known packs are drawn at random for status checks. Either made here in the shape of
/// `verifier generate` (products × batches × serials) and uploaded through the MAH API, or sampled
/// from a `verifier generate` directory whose data the target already holds.
/// </summary>
internal sealed class PackPool
{
    public const string MahKey = "demo-mah-acme";

    private readonly ScannedPack[] _packs;
    private int _nextFresh = -1;

    private PackPool(ScannedPack[] packs, string source)
    {
        _packs = packs;
        Source = source;
    }

    /// <summary>For scenarios without packs (health checks only).</summary>
    public static PackPool Empty { get; } = new([], "none (no pack requests)");

    public string Source { get; }
    public int Count => _packs.Length;
    public long FreshLeft => Math.Max(0, _packs.Length - 1 - Volatile.Read(ref _nextFresh));

    /// <summary>Product and batch of every pack, for counting states in the store afterwards.</summary>
    public IEnumerable<(string Product, string Batch)> Batches => _packs.Select(p => (p.ProductCode, p.Batch)).Distinct();

    /// <summary>A pack never handed out before, or null once the pool is used up.</summary>
    public ScannedPack? TakeFresh()
    {
        var index = Interlocked.Increment(ref _nextFresh);
        return index < _packs.Length ? _packs[index] : null;
    }

    /// <summary>Any pack of the set, for status checks (dispensed ones included, as in a pharmacy's stock check).</summary>
    public ScannedPack AnyKnown() => _packs[Random.Shared.Next(_packs.Length)];

    public static async Task<PackPool> GenerateAndUploadAsync(Targets targets, int packs, int products, int batchesPerProduct, TextWriter log)
    {
        var perBatch = Math.Max(1, packs / (products * batchesPerProduct));
        var all = new List<ScannedPack>(perBatch * products * batchesPerProduct);
        var mah = new MasterDataService.MasterDataServiceClient(targets.Next(MahKey));
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        for (var p = 0; p < products; p++)
        {
            // Random product numbers so that repeated runs against one external store do not collide.
            var product = Gtin.Ntin(Random.Shared.Next(10_000_000, 99_999_999));
            await mah.UpsertProductAsync(new UpsertProductRequest { Product = UploadBench.DemoProduct(product) });
            for (var b = 0; b < batchesPerProduct; b++)
            {
                var batch = $"LT{run}{b}";
                var serials = UploadBench.RandomSerials(perBatch, 16);
                var response = await UploadBench.UploadAsync(mah, product, batch, "301231", serials, 10_000, Guid.NewGuid().ToString("N"));
                if (response.Status != UploadStatus.Committed) throw new InvalidOperationException($"upload of {product}/{batch}: {response.Status}");
                all.AddRange(serials.Select(serial => new ScannedPack(product, serial, batch, "301231")));
            }
        }
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all));
        log.WriteLine($"data: {all.Count:N0} packs uploaded ({products} products × {batchesPerProduct} batches × {perBatch:N0})");
        return new PackPool([.. all], $"generated: {all.Count:N0} packs, {products} products × {batchesPerProduct} batches");
    }

    /// <summary>A sample of a `verifier generate` directory that the target's store already holds.</summary>
    public static PackPool FromDirectory(string directory, int size, TextWriter log)
    {
        var (sample, total) = VerifyBench.Sample(directory, size);
        log.WriteLine($"data: {sample.Count:N0} packs sampled of {total:N0} in {directory}");
        return new PackPool([.. sample], $"{directory}: {sample.Count:N0} of {total:N0} packs sampled");
    }
}
