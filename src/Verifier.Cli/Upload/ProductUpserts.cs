using Grpc.Core;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>Upserts every product of a file; a product the server refuses is reported and the rest go on.</summary>
internal static class ProductUpserts
{
    public static async Task<int> RunAsync(MasterDataService.MasterDataServiceClient client, string path, TextWriter output, CancellationToken cancellationToken)
    {
        var rejected = 0;
        foreach (var (product, line) in ProductFile.Read(path))
        {
            try
            {
                var response = await client.UpsertProductAsync(new UpsertProductRequest { Product = product }, cancellationToken: cancellationToken);
                output.WriteLine($"product    {product.ProductCode}: version {response.Version}{(response.Changed ? "" : " (unchanged)")}");
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
            {
                rejected++;
                output.WriteLine($"rejected   product {product.ProductCode} ({path}:{line}): {exception.StatusCode}: {exception.Status.Detail}");
            }
        }
        return rejected;
    }
}
