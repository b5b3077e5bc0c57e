using System.CommandLine;
using Grpc.Core;
using Verifier.Cli.Client;
using Verifier.Cli.Generate;
using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Demo;

/// <summary>
/// `verifier demo`: uploads a small fixed data set as the demo MAH (server started with --demo)
/// and prints scans to paste into `verifier verify`. Everything is deterministic (fixed codes,
/// serials from a seeded generator, fixed upload ids), so a second run changes nothing.
/// </summary>
internal static class DemoCommand
{
    public const string DemoMahKey = "demo-mah-acme";
    private const int SerialsPerBatch = 20;

    private static readonly Option<bool> Json = new("--json") { Description = "Print the scans as JSON" };

    public static Command Create()
    {
        var command = new Command("demo", """
            Upload a demo data set as demo-mah-acme (server started with --demo) and print scans to paste:
            active, recalled and expired packs, HRI and raw (\u001d = GS). Safe to run again.
            """);
        command.Options.Add(Json);
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        ServerConnection.CallAsync(parse, async invoker =>
        {
            var output = parse.InvocationConfiguration.Output;
            var client = new MasterDataService.MasterDataServiceClient(invoker);
            var scans = new List<DemoScan>();
            foreach (var product in DemoData.Products)
            {
                var upsert = await client.UpsertProductAsync(new UpsertProductRequest { Product = product }, cancellationToken: cancellationToken);
                output.WriteLine($"product  {product.ProductCode} ({product.Name}): version {upsert.Version}{(upsert.Changed ? "" : " (unchanged)")}");
            }
            using var random = new SerialRandom("verifier-demo");
            foreach (var batch in DemoData.Batches)
            {
                var serials = Enumerable.Range(0, SerialsPerBatch).Select(_ => random.Next(12)).ToList();
                var response = await UploadAsync(client, batch, serials, cancellationToken);
                if (response.Status != UploadStatus.Committed)
                {
                    output.WriteLine($"batch    {batch.Batch}: {response.Status} {string.Join("; ", response.Problems.Select(p => p.Code + ": " + p.Message))}");
                    return 1;
                }
                output.WriteLine($"batch    {batch.ProductCode} {batch.Batch} expiry {batch.Expiry}: {response.StoredCount} serials{(response.Replayed ? " (already uploaded)" : "")}");
                if (batch.Recalled)
                {
                    var recall = await client.RecallBatchAsync(new RecallBatchRequest { ProductCode = batch.ProductCode, Batch = batch.Batch, Reason = "demo recall" }, cancellationToken: cancellationToken);
                    output.WriteLine($"recall   {batch.Batch}: {(recall.Changed ? "recalled" : "already recalled")}");
                }
                scans.AddRange(serials.Take(batch.ShownScans).Select(serial => new DemoScan(batch, serial)));
            }
            DemoScanPrinter.Print(scans, parse.GetValue(Json), output);
            return 0;
        },
        apiKey: DemoMahKey,
        hint: exception => exception.StatusCode == StatusCode.Unauthenticated ? "The demo key works only when the server was started with --demo." : null);

    private static async Task<UploadBatchResponse> UploadAsync(
        MasterDataService.MasterDataServiceClient client, DemoBatch batch, List<string> serials, CancellationToken cancellationToken)
    {
        using var call = client.UploadBatch(cancellationToken: cancellationToken);
        var header = new UploadBatchHeader
        {
            UploadId = $"demo/{batch.ProductCode}/{batch.Batch}", ProductCode = batch.ProductCode, Batch = batch.Batch, Expiry = batch.Expiry,
            ExpectedCount = serials.Count,
        };
        return await UploadStream.SendAsync(call, header, [new SerialChunk { SerialNumbers = { serials } }], cancellationToken);
    }
}
