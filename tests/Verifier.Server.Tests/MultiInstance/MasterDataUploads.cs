using System.Security.Cryptography;
using Verifier.Core.Identification;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Server.Tests.MasterData;
using Verifier.V1;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>Test packs as production gets them: the MAH upserts a product and uploads a batch of serials.</summary>
internal static class MasterDataUploads
{
    // Far enough ahead that the packs stay valid for the life of these tests.
    public const string Expiry = "491231";

    private static int _nextProduct = RandomNumberGenerator.GetInt32(1_000_000);

    /// <summary>
    /// A product of its own for each caller, so a withdrawal in one test touches no other: an NTIN
    /// carrying a PZN (04150...), which the German market accepts without an NHRN.
    /// </summary>
    public static string NewProductCode()
    {
        var body = "04150" + (10_000_000 + Interlocked.Increment(ref _nextProduct)).ToString("D8");
        return body + Gs1CheckDigit.Compute(body);
    }

    public static string NewSerial() => "S" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    /// <summary>Uploads a new batch of <paramref name="count"/> packs through <paramref name="instance"/>.</summary>
    public static async Task<Pack[]> UploadBatchAsync(Instance instance, int count, string? productCode = null, string batch = "LOT-1")
    {
        productCode ??= NewProductCode();
        var masterData = instance.MasterData(DemoKeys.MahAcme);
        await masterData.UpsertProductAsync(new UpsertProductRequest { Product = UploadCalls.Product(productCode) });

        var packs = Enumerable.Range(0, count).Select(_ => new Pack(productCode, batch, Expiry, NewSerial())).ToArray();
        using var upload = masterData.UploadBatch();
        await upload.RequestStream.WriteAsync(new UploadBatchRequest
        {
            Header = new UploadBatchHeader { UploadId = Guid.NewGuid().ToString("N"), ProductCode = productCode, Batch = batch, Expiry = Expiry },
        });
        foreach (var chunk in packs.Chunk(1000))
        {
            await upload.RequestStream.WriteAsync(new UploadBatchRequest { Serials = new SerialChunk { SerialNumbers = { chunk.Select(p => p.Serial) } } });
        }
        await upload.RequestStream.CompleteAsync();
        var response = await upload;
        Assert.True(response.StoredCount == count, $"upload stored {response.StoredCount} of {count}: {response.Problems}");
        return packs;
    }
}
