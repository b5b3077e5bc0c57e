using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Verifier.Cli.Scanning;
using Verifier.Core.Identification;
using Verifier.V1;

namespace Verifier.Cli.Offline;

/// <summary>
/// One pack operation as the offline queue keeps it: the request exactly as it will be sent, with
/// its client transaction id and the time it was performed (the scan), so the replay is the same
/// request under the same id and the server can judge and audit it at the time it happened.
/// <see cref="KeyId"/> names the API key it was performed under (a hash, never the key): the replay
/// must act as the same client, whose transaction ids are the ones the server knows.
/// </summary>
internal sealed record QueuedOperation(IMessage Request, string? KeyId = null)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public string Kind => Request switch
    {
        VerifyRequest => "verify",
        DecommissionRequest => "decommission",
        UndoRequest => "undo",
        FlagSuspectRequest => "flag",
        _ => throw new ArgumentException($"Not a pack operation: {Request.Descriptor.Name}."),
    };

    public string ClientTransactionId => Request switch
    {
        VerifyRequest r => r.ClientTransactionId,
        DecommissionRequest r => r.ClientTransactionId,
        UndoRequest r => r.ClientTransactionId,
        FlagSuspectRequest r => r.ClientTransactionId,
        _ => "",
    };

    public PackIdentifier Pack => Request switch
    {
        VerifyRequest r => r.Pack,
        DecommissionRequest r => r.Pack,
        UndoRequest r => r.Pack,
        FlagSuspectRequest r => r.Pack,
        _ => new PackIdentifier(),
    };

    public DateTimeOffset? PerformedAt => Request switch
    {
        VerifyRequest r => r.PerformedAt,
        DecommissionRequest r => r.PerformedAt,
        UndoRequest r => r.PerformedAt,
        FlagSuspectRequest r => r.PerformedAt,
        _ => null,
    } is { } at ? at.ToDateTimeOffset() : null;

    /// <summary>"decommission:supplied", as the audit trail names it.</summary>
    public string Name => Request switch
    {
        DecommissionRequest r => "decommission:" + PackResultPrinter.Name(r.Reason).ToLowerInvariant().Replace('_', '-'),
        UndoRequest r => "undo:" + PackResultPrinter.Name(r.Reason).ToLowerInvariant().Replace('_', '-'),
        _ => Kind,
    };

    /// <summary>Product code and serial, what makes two operations concern one pack; null when unreadable (a photo, a broken scan).</summary>
    public (string ProductCode, string SerialNumber)? PackKey => Pack.SourceCase switch
    {
        PackIdentifier.SourceOneofCase.Fields => (Pack.Fields.ProductCode, Pack.Fields.SerialNumber),
        PackIdentifier.SourceOneofCase.Scan when ScanParser.Parse(Pack.Scan) is { ProductCode: { } code, SerialNumber: { } serial } => (code, serial),
        _ => null,
    };

    /// <summary>The first 16 hex digits of the key's SHA-256: tells keys apart without storing one.</summary>
    public static string? KeyIdOf(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..16];

    public bool SamePackAs(QueuedOperation other) => PackKey is { } key && key == other.PackKey;

    /// <summary>The same request, performed at <paramref name="at"/> (the time of the scan).</summary>
    public QueuedOperation PerformedAtTime(DateTimeOffset at)
    {
        var timestamp = Timestamp.FromDateTimeOffset(at);
        IMessage request = Request switch
        {
            VerifyRequest r => new VerifyRequest(r) { PerformedAt = timestamp },
            DecommissionRequest r => new DecommissionRequest(r) { PerformedAt = timestamp },
            UndoRequest r => new UndoRequest(r) { PerformedAt = timestamp },
            FlagSuspectRequest r => new FlagSuspectRequest(r) { PerformedAt = timestamp },
            _ => throw new InvalidOperationException($"Not a pack operation: {Request.Descriptor.Name}."),
        };
        return this with { Request = request };
    }

    public async Task<PackResult> SendAsync(PackService.PackServiceClient client, CancellationToken cancellationToken) => Request switch
    {
        VerifyRequest r => (await client.VerifyAsync(r, cancellationToken: cancellationToken)).Result,
        DecommissionRequest r => (await client.DecommissionAsync(r, cancellationToken: cancellationToken)).Result,
        UndoRequest r => (await client.UndoAsync(r, cancellationToken: cancellationToken)).Result,
        FlagSuspectRequest r => (await client.FlagSuspectAsync(r, cancellationToken: cancellationToken)).Result,
        _ => throw new InvalidOperationException($"Not a pack operation: {Request.Descriptor.Name}."),
    };

    /// <summary>{"kind":"decommission","key":"…","request":{...}}: the request in the proto's JSON mapping.</summary>
    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["key"] = KeyId,
        ["request"] = JsonNode.Parse(Formatter.Format(Request)),
    };

    /// <summary>The operation of a queue line, or null when the line is none (see <see cref="OfflineQueue"/>).</summary>
    public static QueuedOperation? FromJson(JsonObject line)
    {
        if (line["kind"]?.GetValue<string>() is not { } kind || line["request"] is not JsonObject request) return null;
        var json = request.ToJsonString();
        IMessage? message = kind switch
        {
            "verify" => JsonParser.Default.Parse<VerifyRequest>(json),
            "decommission" => JsonParser.Default.Parse<DecommissionRequest>(json),
            "undo" => JsonParser.Default.Parse<UndoRequest>(json),
            "flag" => JsonParser.Default.Parse<FlagSuspectRequest>(json),
            _ => null,
        };
        return message is null ? null : new QueuedOperation(message, line["key"]?.GetValue<string>());
    }
}
