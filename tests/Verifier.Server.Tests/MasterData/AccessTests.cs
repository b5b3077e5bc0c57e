using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

[Collection(MasterDataServerCollection.Name)]
public sealed class AccessTests(MasterDataServerFixture server)
{
    [Fact]
    public async Task An_MAH_cannot_touch_another_MAHs_product()
    {
        var product = await server.NewProductAsync(MasterDataServerFixture.Acme);
        await server.UploadAsync(product, "LOT-G", "301231", "G1");
        var globex = server.MasterData(MasterDataServerFixture.Globex);

        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            globex.UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(product) }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            server.UploadAsync(product, "LOT-G2", "301231", [["G2"]], apiKey: MasterDataServerFixture.Globex)));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            globex.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = product, Batch = "LOT-G" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            globex.WithdrawProductAsync(new V1.WithdrawProductRequest { ProductCode = product, Market = "DE" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            globex.SetPackStatesAsync(new V1.SetPackStatesRequest { ClientTransactionId = "g", ProductCode = product, SerialNumbers = { "G1" }, Reason = V1.DecommissionReason.Stolen }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            globex.BatchSummaryAsync(new V1.BatchSummaryRequest { ProductCode = product, Batch = "LOT-G" }).ResponseAsync));
        Assert.Equal(V1.Outcome.Success, (await server.VerifyAsync(product, "G1", "LOT-G", "301231")).Outcome);

        // Every refused attempt on the product is in the audit trail, with who tried what.
        await using var connection = server.Server.Database.Open();
        var refused = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT operation FROM audit WHERE product_code = @product AND client_id = 'mah-globex' AND outcome IS NULL ORDER BY seq",
            new { product });
        Assert.Equal(["product-upsert", "upload", "recall", "withdraw", "pack-states", "batch-summary"], refused);
    }

    [Fact]
    public async Task A_pharmacy_cannot_upload_or_manage_master_data()
    {
        var product = await server.NewProductAsync();
        var pharmacy = server.MasterData(MasterDataServerFixture.Pharmacy);

        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            server.UploadAsync(product, "LOT-P", "301231", [["P1"]], apiKey: MasterDataServerFixture.Pharmacy)));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            pharmacy.UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(server.NewGtin()) }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await UploadCalls.StatusOf(() =>
            pharmacy.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = product, Batch = "LOT-P" }).ResponseAsync));
    }

    [Fact]
    public async Task Calls_without_a_key_are_unauthenticated()
    {
        var product = await server.NewProductAsync();
        Assert.Equal(StatusCode.Unauthenticated, await UploadCalls.StatusOf(() => server.UploadAsync(product, "LOT-U", "301231", [["U1"]], apiKey: null!)));
        Assert.Equal(StatusCode.Unauthenticated, await UploadCalls.StatusOf(() =>
            server.MasterData(null).UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(server.NewGtin()) }).ResponseAsync));
    }

    [Fact]
    public async Task An_operator_manages_any_product_for_a_named_MAH()
    {
        var code = server.NewGtin();
        var op = server.MasterData(MasterDataServerFixture.Operator);

        var created = await op.UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(code, mahId: "mah-globex") });
        await server.UploadAsync(code, "LOT-O", "301231", [["O1"]], apiKey: MasterDataServerFixture.Operator);
        var recall = await op.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = code, Batch = "LOT-O" });

        Assert.Equal((1, true), (created.Version, created.Changed));
        Assert.True(recall.Changed);
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() =>
            op.UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(server.NewGtin()) }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() =>
            op.UpsertProductAsync(new V1.UpsertProductRequest { Product = UploadCalls.Product(server.NewGtin(), mahId: "pharmacy-berlin") }).ResponseAsync));
    }
}
