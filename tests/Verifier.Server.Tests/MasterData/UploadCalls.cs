using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

/// <summary>What the tests do over and over: a product, an upload, a verify.</summary>
internal static class UploadCalls
{
    public static async Task<string> NewProductAsync(this MasterDataServerFixture server, string apiKey = MasterDataServerFixture.Acme)
    {
        var code = server.NewGtin();
        await server.MasterData(apiKey).UpsertProductAsync(new V1.UpsertProductRequest { Product = Product(code) });
        return code;
    }

    public static V1.Product Product(string code, string mahId = "") => new()
    {
        ProductCode = code,
        Scheme = V1.ProductCodeScheme.Gtin,
        Name = "Examplin 10 mg",
        CommonName = "examplin",
        PharmaceuticalForm = "tablet",
        Strength = "10 mg",
        PackSize = 30,
        PackType = "blister",
        TargetMarkets = { "DE" },
        MahId = mahId,
    };

    public static async Task<V1.UploadBatchResponse> UploadAsync(
        this MasterDataServerFixture server, string productCode, string batch, string expiry, IEnumerable<IEnumerable<string>> chunks,
        string? uploadId = null, string apiKey = MasterDataServerFixture.Acme, bool validateOnly = false, long expected = 0)
    {
        using var call = server.MasterData(apiKey).UploadBatch();
        try
        {
            await call.RequestStream.WriteAsync(new V1.UploadBatchRequest
            {
                Header = new V1.UploadBatchHeader
                {
                    UploadId = uploadId ?? Guid.NewGuid().ToString("N"),
                    ProductCode = productCode,
                    Batch = batch,
                    Expiry = expiry,
                    ValidateOnly = validateOnly,
                    ExpectedCount = expected,
                },
            });
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(new V1.UploadBatchRequest { Serials = new V1.SerialChunk { SerialNumbers = { chunk } } });
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException)
        {
            // The server answered before the stream ended (e.g. NotFound); that answer is awaited below.
        }
        return await call;
    }

    public static Task<V1.UploadBatchResponse> UploadAsync(this MasterDataServerFixture server, string productCode, string batch, string expiry, params string[] serials) =>
        server.UploadAsync(productCode, batch, expiry, [serials]);

    public static async Task<V1.PackResult> VerifyAsync(this MasterDataServerFixture server, string productCode, string serial, string batch, string expiry)
    {
        var response = await server.Packs(MasterDataServerFixture.Pharmacy).VerifyAsync(new V1.VerifyRequest
        {
            ClientTransactionId = Guid.NewGuid().ToString("N"),
            Pack = new V1.PackIdentifier { Fields = new V1.PackFields { ProductCode = productCode, SerialNumber = serial, Batch = batch, Expiry = expiry } },
        });
        return response.Result;
    }

    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        return exception.StatusCode;
    }
}
