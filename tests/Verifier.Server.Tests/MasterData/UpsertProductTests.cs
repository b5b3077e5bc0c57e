using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

[Collection(MasterDataServerCollection.Name)]
public sealed class UpsertProductTests(MasterDataServerFixture server)
{
    private V1.MasterDataService.MasterDataServiceClient Acme => server.MasterData(MasterDataServerFixture.Acme);

    [Fact]
    public async Task Changes_are_new_versions_and_repeats_change_nothing()
    {
        var product = UploadCalls.Product(server.NewGtin());

        var first = await Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product });
        var same = await Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product });
        product.Strength = "20 mg";
        var changed = await Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product });

        Assert.Equal([(1, true), (1, false), (2, true)], new[] { first, same, changed }.Select(r => (r.Version, r.Changed)));
    }

    [Fact]
    public async Task A_PPN_with_valid_check_digits_is_accepted()
    {
        var product = UploadCalls.Product("110375286414");
        product.Scheme = V1.ProductCodeScheme.Ppn;
        var response = await server.MasterData(MasterDataServerFixture.Globex).UpsertProductAsync(new V1.UpsertProductRequest { Product = product });
        Assert.Equal((1, true), (response.Version, response.Changed));
    }

    [Theory]
    [InlineData("04150123456783", V1.ProductCodeScheme.Gtin)]
    [InlineData("0415012345678", V1.ProductCodeScheme.Gtin)]
    [InlineData("110375286415", V1.ProductCodeScheme.Ppn)]
    [InlineData("04150123456782", V1.ProductCodeScheme.Unspecified)]
    public async Task Product_codes_with_wrong_check_digits_are_invalid(string code, V1.ProductCodeScheme scheme)
    {
        var product = UploadCalls.Product(code);
        product.Scheme = scheme;
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() => Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product }).ResponseAsync));
    }

    [Fact]
    public async Task A_market_that_needs_a_national_number_requires_one()
    {
        var product = UploadCalls.Product(server.NewGtin());
        product.TargetMarkets.Add("FR");
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() => Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product }).ResponseAsync));
        product.Nhrn = "3400912345678";
        Assert.True((await Acme.UpsertProductAsync(new V1.UpsertProductRequest { Product = product })).Changed);
    }
}
