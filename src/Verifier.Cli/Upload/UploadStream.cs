using Grpc.Core;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>
/// Writes an UploadBatch stream. The server may answer before the stream ends (unknown product,
/// no permission); a write then fails with a generic status, so the call's own answer is awaited
/// and reported instead.
/// </summary>
internal static class UploadStream
{
    public static async Task<UploadBatchResponse> SendAsync(
        AsyncClientStreamingCall<UploadBatchRequest, UploadBatchResponse> call, UploadBatchHeader header, IEnumerable<SerialChunk> chunks,
        CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(new UploadBatchRequest { Header = header }, cancellationToken);
            foreach (var chunk in chunks) await call.RequestStream.WriteAsync(new UploadBatchRequest { Serials = chunk }, cancellationToken);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The server has ended the call; its status (awaited below) says why.
        }
        return await call.ResponseAsync;
    }
}
