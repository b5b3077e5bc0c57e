using System.CommandLine;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>`verifier upload`: products and serial files to the server, resumable by deterministic upload ids.</summary>
internal static class UploadCommand
{
    private static readonly Argument<string[]> Files = new("files")
    {
        Description = "Serial files: .csv (header product_code,batch,expiry,serial) or .jsonl; a batch's rows contiguous",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Products = new("--products") { Description = "Product master data to upsert first (.csv or .jsonl, see docs/uploads.md)" };

    private static readonly Option<string?> UploadIdPrefix = new("--upload-id")
    {
        Description = "Prefix of the per-batch upload ids (default: the file's SHA-256); the same prefix again skips committed batches",
    };

    private static readonly Option<int> ChunkSize = new("--chunk-size") { Description = "Serials per gRPC message", DefaultValueFactory = _ => 10_000 };

    private static readonly Option<bool> ValidateOnly = new("--validate-only") { Description = "Check everything on the server, store nothing" };

    public static Command Create()
    {
        var command = new Command("upload", """
            Upload products and serials (MAH/operator key); each batch atomic, re-runs skip committed batches.
            Exit: 0 ok, 1 something rejected, 2 usage/file error, 3 server error. Formats: docs/uploads.md
            """);
        command.Arguments.Add(Files);
        foreach (var option in new Option[] { Products, UploadIdPrefix, ChunkSize, ValidateOnly }) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var files = parse.GetValue(Files) ?? [];
        var products = parse.GetValue(Products);
        var prefix = parse.GetValue(UploadIdPrefix);
        var chunkSize = parse.GetValue(ChunkSize);
        if (files.Length == 0 && products is null) return Usage(error, "name serial files, --products FILE, or both.");
        if (files.Concat(products is null ? [] : [products]).FirstOrDefault(f => !File.Exists(f)) is { } missing) return Usage(error, $"no such file: {missing}");
        if (prefix is not null && !UploadIds.IsValidPrefix(prefix)) return Usage(error, $"--upload-id: 1 to {UploadIds.MaxPrefixLength} printable characters without spaces.");
        if (chunkSize is < 1 or > 100_000) return Usage(error, "--chunk-size: 1 to 100000.");

        return await ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new MasterDataService.MasterDataServiceClient(invoker);
            var rejectedProducts = products is null ? 0 : await ProductUpserts.RunAsync(client, products, output, cancellationToken);
            var scans = files.Select(f => (File: f, Scan: UploadIds.Scan(f))).ToList();
            var total = scans.Sum(s => Math.Max(0, s.Scan.Lines - (SerialFile.IsJsonLines(s.File) ? 0 : 1)));
            var progress = new ProgressReport(error, "serials", total, ProgressReport.StderrIsTerminal);
            var uploader = new BatchUploader(client, output, progress, chunkSize, parse.GetValue(ValidateOnly));
            foreach (var (file, scan) in scans) await uploader.UploadFileAsync(file, prefix ?? scan.Prefix, cancellationToken);
            if (files.Length > 0) progress.Finish();
            return rejectedProducts + uploader.Rejected > 0 ? 1 : 0;
        });
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine("Try 'verifier upload --help'.");
        return 2;
    }
}
