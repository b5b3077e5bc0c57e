using Grpc.Core;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>
/// Streams the batches of one file: the rows of a batch go out in chunks as they are read. Before
/// each batch a header-only validate_only call asks whether the upload id was committed already,
/// so a re-run sends nothing for finished batches.
/// </summary>
internal sealed class BatchUploader(MasterDataService.MasterDataServiceClient client, TextWriter output, ProgressReport progress, int chunkSize, bool validateOnly)
{
    private const int ShownProblems = 10;

    public int Rejected { get; private set; }

    public async Task UploadFileAsync(string path, string prefix, CancellationToken cancellationToken)
    {
        using var rows = SerialFile.Read(path).GetEnumerator();
        var more = rows.MoveNext();
        var finished = new HashSet<(string, string)>();
        while (more)
        {
            var first = rows.Current;
            if (!finished.Add((first.ProductCode, first.Batch)))
            {
                throw new InvalidDataException($"{path}:{first.Line}: batch {first.Batch} of {first.ProductCode} appeared earlier in the file; a batch's rows must be contiguous");
            }
            var header = new UploadBatchHeader
            {
                UploadId = UploadIds.For(prefix, first.ProductCode, first.Batch),
                ProductCode = first.ProductCode,
                Batch = first.Batch,
                Expiry = first.Expiry,
                ValidateOnly = validateOnly,
            };
            bool InBatch() => rows.Current.ProductCode == first.ProductCode && rows.Current.Batch == first.Batch && rows.Current.Expiry == first.Expiry;

            if (!validateOnly)
            {
                var probe = await SendAsync(header.Clone(), [], cancellationToken, probe: true);
                if (probe.Replayed || probe.Status == UploadStatus.Rejected)
                {
                    long skipped = 0;
                    while (more && InBatch())
                    {
                        skipped++;
                        more = rows.MoveNext();
                    }
                    progress.Add(skipped);
                    Print(probe, header, skipped);
                    continue;
                }
            }

            IEnumerable<string> Serials()
            {
                while (more && InBatch())
                {
                    yield return rows.Current.Serial;
                    more = rows.MoveNext();
                }
            }
            var response = await SendAsync(header, Serials(), cancellationToken, probe: false);
            Print(response, header, response.ReceivedCount);
        }
    }

    private async Task<UploadBatchResponse> SendAsync(UploadBatchHeader header, IEnumerable<string> serials, CancellationToken cancellationToken, bool probe)
    {
        if (probe) header.ValidateOnly = true;
        using var call = client.UploadBatch(cancellationToken: cancellationToken);
        return await UploadStream.SendAsync(call, header, Chunks(serials), cancellationToken);
    }

    private IEnumerable<SerialChunk> Chunks(IEnumerable<string> serials)
    {
        var chunk = new SerialChunk();
        foreach (var serial in serials)
        {
            chunk.SerialNumbers.Add(serial);
            if (chunk.SerialNumbers.Count < chunkSize) continue;
            yield return chunk;
            progress.Add(chunk.SerialNumbers.Count);
            chunk = new SerialChunk();
        }
        if (chunk.SerialNumbers.Count == 0) yield break;
        yield return chunk;
        progress.Add(chunk.SerialNumbers.Count);
    }

    private void Print(UploadBatchResponse response, UploadBatchHeader header, long serials)
    {
        var what = $"{header.ProductCode} batch {header.Batch} expiry {header.Expiry}";
        switch (response)
        {
            case { Replayed: true }:
                output.WriteLine($"skipped    {what}: already committed ({response.StoredCount:N0} serials, upload id {response.UploadId})");
                break;
            case { Status: UploadStatus.Committed }:
                output.WriteLine($"committed  {what}: {response.StoredCount:N0} serials");
                break;
            case { Status: UploadStatus.Validated }:
                output.WriteLine($"valid      {what}: {response.ReceivedCount:N0} serials (nothing stored)");
                break;
            default:
                Rejected++;
                output.WriteLine(response.RejectedCount > 0
                    ? $"rejected   {what}: {response.RejectedCount:N0} of {serials:N0} serials with problems; nothing stored"
                    : $"rejected   {what}: nothing stored");
                foreach (var problem in response.Problems.Take(ShownProblems))
                {
                    var at = problem.Position < 0 ? "header" : $"serial #{problem.Position} '{problem.SerialNumber}'";
                    output.WriteLine($"  {problem.Code} at {at}: {problem.Message}");
                }
                if (response.Problems.Count > ShownProblems) output.WriteLine($"  … {response.Problems.Count - ShownProblems} more problems listed by the server");
                break;
        }
    }
}
