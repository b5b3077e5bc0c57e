using Verifier.Core.Packs;

namespace Verifier.Server.Packs;

/// <summary>
/// The pack operations' log line, source-generated: with the level off nothing is formatted or
/// allocated. It carries the transaction ids itself instead of a per-request scope, which cost an
/// allocation and an execution-context change on every call even with logging off; the request's
/// TraceId and RequestId scopes (ASP.NET Core's) still tie other lines of the request to it.
/// </summary>
internal static partial class PackLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "{Operation} {ProductCode} {SerialNumber}: {Outcome} alert={AlertId} replayed={Replayed} system-tx={SystemTransactionId} client-tx={ClientTransactionId} client={ClientId}")]
    public static partial void Operation(
        ILogger logger, string operation, string productCode, string serialNumber, Outcome outcome, string? alertId, bool replayed,
        string systemTransactionId, string? clientTransactionId, string clientId);
}
