using Verifier.V1;

namespace Verifier.LoadTests.Harness;

/// <summary>Dispensed (SUPPLIED) packs of the run's batches, as the store counts them (BatchSummary, MAH API).</summary>
internal static class StoreCount
{
    public static async Task<long> SuppliedAsync(Targets targets, PackPool pool)
    {
        var mah = new MasterDataService.MasterDataServiceClient(targets.Next(PackPool.MahKey));
        long supplied = 0;
        foreach (var (product, batch) in pool.Batches)
        {
            var summary = await mah.BatchSummaryAsync(new BatchSummaryRequest { ProductCode = product, Batch = batch });
            supplied += summary.Counts.Where(c => c.State == PackState.Supplied).Sum(c => c.Count);
        }
        return supplied;
    }
}
