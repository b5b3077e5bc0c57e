using Verifier.Core.Identification;
namespace Verifier.Storage.Tests.Contract;

/// <summary>Products and serials the store tests share.</summary>
internal static class MasterDataFixtures
{
    public const string Gtin = "04150123456782";

    /// <summary>How many serials found stored the tests have described, as the server asks for its report.</summary>
    public const int Describe = 100;

    public static ProductMasterData Product(string code = Gtin, string owner = "mah-acme", string name = "Examplin 10 mg") =>
        new(code, ProductCodeScheme.Gtin, name, "examplin", "tablet", "10 mg", 30, "blister", ["DE"], null, owner);

    public static List<string> Serials(int count, string prefix = "SN") =>
        Enumerable.Range(0, count).Select(i => $"{prefix}{i:D8}").ToList();

    public static List<long> Positions(int count, long first = 0) =>
        Enumerable.Range(0, count).Select(i => first + i).ToList();

    public static async Task<UploadResult> UploadAsync(StoreUnderTest db, string uploadId, string batch, string expiry, IReadOnlyList<string> serials)
    {
        var opening = await db.MasterData.OpenUploadAsync(new UploadHeader(uploadId, Gtin, batch, expiry), StoreUnderTest.Context(), false, default);
        if (opening.Replay is { } replay) return replay;
        Assert.Null(opening.HeaderProblem);
        var existing = await opening.Upload!.StoreAsync(serials, Positions(serials.Count), Describe, default);
        Assert.Equal(0, existing.Count);
        return await opening.Upload.CommitAsync(serials.Count, StoreUnderTest.Context(), default);
    }
}
