using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Verifier.Core.Access;
using Verifier.Server.Hosting;
using Verifier.Server.Identity;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.MasterData;

/// <summary>
/// Receives one UploadBatch stream: header, then chunks of serials, each checked as it arrives.
/// The serials are kept (the duplicate check needs them anyway) and handed to the store in key
/// order once the stream is complete; the store writes them in chunks into the invisible batch and
/// the commit then makes it visible at once. Whatever was written goes again unless the upload commits.
/// </summary>
internal sealed class BatchUploadReceiver(
    IMasterDataStore store, ProductAccess access, IOptions<VerifierOptions> options, ILogger<BatchUploadReceiver> logger)
{
    public async Task<UploadResult> ReceiveAsync(Caller caller, IAsyncStreamReader<V1.UploadBatchRequest> stream, CancellationToken cancellationToken)
    {
        caller.Demand(Operation.ManageMasterData);
        if (!await stream.MoveNext(cancellationToken)) throw RequestErrors.Invalid("The stream is empty: send the header first.");
        if (stream.Current.PartCase != V1.UploadBatchRequest.PartOneofCase.Header)
        {
            throw RequestErrors.Invalid("The first message of an upload must be the header.");
        }
        var wireHeader = stream.Current.Header;
        var header = UploadHeaderChecks.ToHeader(wireHeader);
        await access.RequireAsync(caller, "upload", header.ProductCode, cancellationToken);

        var validateOnly = wireHeader.ValidateOnly;
        var opening = await store.OpenUploadAsync(header, access.Context(caller), validateOnly, cancellationToken);
        var intake = new SerialIntake();
        if (opening.Replay is { } replay)
        {
            await DrainAsync(stream, intake, cancellationToken);
            logger.LogInformation("Upload {UploadId} replayed for {ClientId}", header.UploadId, caller.ClientId);
            return replay;
        }
        if (opening.HeaderProblem is { } headerProblem)
        {
            intake.Report(headerProblem);
            await DrainAsync(stream, intake, cancellationToken);
            return Rejected(header, intake);
        }

        var upload = opening.Upload!;
        try
        {
            // Nothing is stored until the stream is complete, so a long stream keeps its upload alive
            // for the other instances' clean-up (UnfinishedUploadCleanup) by touching it.
            var touchEvery = options.Value.Uploads.AbandonedAfter / 4;
            var touchedAt = Stopwatch.GetTimestamp();
            while (await stream.MoveNext(cancellationToken))
            {
                intake.Take(Serials(stream.Current));
                if (Stopwatch.GetElapsedTime(touchedAt) < touchEvery) continue;
                await upload.TouchAsync(cancellationToken);
                touchedAt = Stopwatch.GetTimestamp();
            }
            if (wireHeader.ExpectedCount > 0 && wireHeader.ExpectedCount != intake.Received)
            {
                intake.Report(new UploadProblem(UploadProblemCodes.CountMismatch, -1, null,
                    $"The header announced {wireHeader.ExpectedCount} serial numbers; {intake.Received} arrived."));
            }
            if (intake.Received == 0 && !validateOnly)
            {
                intake.Report(new UploadProblem(UploadProblemCodes.NoSerials, -1, null, "An upload needs at least one serial number."));
            }

            // Written only once the stream is complete and clean; with a problem the serials are only
            // checked against stored packs (as the store does after finding one), so the report is
            // complete but nothing more is written.
            var (serials, positions) = intake.SortedAccepted();
            var existing = !intake.HasProblems && !validateOnly
                ? await upload.StoreAsync(serials, positions, SerialIntake.MaxReportedProblems, cancellationToken)
                : await upload.CheckAsync(serials, positions, SerialIntake.MaxReportedProblems, cancellationToken);
            intake.Report(existing);

            if (intake.HasProblems || validateOnly)
            {
                await upload.AbortAsync(CancellationToken.None);
                return intake.HasProblems
                    ? Rejected(header, intake)
                    : new UploadResult(header.UploadId, UploadStatus.Validated, intake.Received, 0, 0, [], Replayed: false);
            }
            // A context of its own: the upload finishes, and is audited, when it commits, not when it started.
            var result = await upload.CommitAsync(intake.Received, access.Context(caller), cancellationToken);
            logger.LogInformation("Upload {UploadId}: batch {Batch} of {ProductCode} committed with {Count} serials",
                header.UploadId, header.Batch, header.ProductCode, result.StoredCount);
            return result;
        }
        catch (Exception exception)
        {
            // A broken stream, a malformed message or a failed commit: nothing of the upload may remain.
            await upload.AbortAsync(CancellationToken.None);
            logger.LogWarning(exception, "Upload {UploadId} aborted after {Count} serials; its rows were removed", header.UploadId, intake.Received);
            throw;
        }
    }

    private static IReadOnlyList<string> Serials(V1.UploadBatchRequest message) =>
        message.PartCase == V1.UploadBatchRequest.PartOneofCase.Serials
            ? message.Serials.SerialNumbers
            : throw RequestErrors.Invalid("An upload has exactly one header, as its first message; then only serial chunks.");

    /// <summary>A replayed or refused upload still reads the stream to its end, so the client's writes complete normally.</summary>
    private static async Task DrainAsync(IAsyncStreamReader<V1.UploadBatchRequest> stream, SerialIntake intake, CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken)) intake.Count(Serials(stream.Current).Count);
    }

    private static UploadResult Rejected(UploadHeader header, SerialIntake intake) =>
        new(header.UploadId, UploadStatus.Rejected, intake.Received, 0, intake.Rejected, intake.FirstProblems(), Replayed: false);
}
