using Grpc.Core;

namespace Verifier.Server.MasterData;

/// <summary>The gRPC errors of master data requests, so every message reads the same way.</summary>
internal static class RequestErrors
{
    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));
}
