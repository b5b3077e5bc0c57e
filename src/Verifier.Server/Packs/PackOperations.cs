using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Verifier.Cache;
using Verifier.Core.Access;
using Verifier.Core.Identification;
using Verifier.Core.Packs;
using Microsoft.Extensions.Options;
using Verifier.Server.Auditing;
using Verifier.Server.Caching;
using Verifier.Server.Hosting;
using Verifier.Server.Identity;
using Verifier.Server.Observability;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.Packs;

/// <summary>
/// Runs a pack operation: role check, cached view, cache marker (state changes), decision and
/// durable commit in the store, cache publish. A state change is always decided on the committed
/// view inside the write transaction; a status check may rest on the cached view when the store
/// confirms it was cached in the current cache epoch (docs/cache-coherence.md).
/// </summary>
internal sealed class PackOperations(
    IPackStore store,
    IMasterDataStore masterData,
    IPackStatusCache cache,
    CacheCoherence coherence,
    PackRules rules,
    TimeProvider clock,
    VerifierMetrics metrics,
    OperationAudit audit,
    IOptions<VerifierOptions> options,
    ILogger<PackOperations> logger)
{
    private const int MaxClientTransactionIdLength = 64;
    private const int MaxUserIdLength = 64;
    private const int MaxNoteLength = 1000;

    /// <summary>Trailer of a refused performed time: PERFORMED_AT_TOO_OLD or PERFORMED_AT_IN_FUTURE.</summary>
    public const string DeferralTrailer = "verifier-deferral";

    public async Task<AuditRecord> ExecuteAsync(Caller caller, PackOperation operation, CancellationToken cancellationToken)
    {
        caller.Demand(operation.Kind);
        if (operation.Reason is { } reason && !Permissions.Allows(caller.Role, reason))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"A {caller.Role} client may not use reason {reason.Name()}."));
        }
        if (string.IsNullOrWhiteSpace(operation.ClientTransactionId) || operation.ClientTransactionId.Length > MaxClientTransactionIdLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"client_transaction_id is required (1 to {MaxClientTransactionIdLength} characters)."));
        }
        // Both end up in the append-only audit trail, kept for years: bounded.
        if (operation.UserId?.Length > MaxUserIdLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"user_id is longer than {MaxUserIdLength} characters."));
        }
        if (operation.Note?.Length > MaxNoteLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"description is longer than {MaxNoteLength} characters."));
        }

        // Milliseconds: the precision the audit trail stores, so a replayed answer equals the original.
        // A MAH sets pack states on its own products only (DR Art 40 ff.: the MAH is responsible for its packs).
        if (caller.Role == ClientRole.Mah && operation.Kind is Operation.Decommission or Operation.Undo
            && await masterData.FindProductAsync(operation.Scan.ProductCode, cancellationToken) is { } product && product.OwnerId != caller.ClientId)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "A MAH may change only its own products' packs."));
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var performedAt = Deferred(operation.PerformedAt, now);
        var at = performedAt ?? now;
        var context = caller.Context(now, operation.ClientTransactionId, operation.UserId) with { PerformedAt = performedAt };
        var scan = operation.Scan;
        var statusCheck = operation.Kind == Operation.Verify;
        // Only a status check can rest on the cache; a change is always decided on SQL inside the
        // write transaction, so reading the cache for it would be a round trip for nothing.
        var found = statusCheck ? await cache.LookUpAsync(scan.ProductCode, scan.SerialNumber, scan.Batch, cancellationToken) : null;
        var cached = found?.View;
        var onCache = cached is not null && options.Value.Cache.AnswerVerifyFromCache;
        // Every operation but a status check may change the pack: its key is marked before the
        // commit, so no instance can read or fill the old value until the change is published.
        var mark = statusCheck ? null : await cache.MarkPackAsync(scan.ProductCode, scan.SerialNumber);
        var readAt = Stopwatch.GetTimestamp();
        var command = new PackCommand(
            context, operation.Name, scan, RequestHash(operation), Decider(operation, caller, at),
            (view, decision) => rules.StatusAfter(view, decision, at), cached?.View, operation.Note, onCache,
            cached?.Epoch, mark is null ? null : mark.Covers, statusCheck);
        var result = await store.CommitAsync(command, cancellationToken);

        // A change publishes before answering: once a client has this answer, the marker must be
        // gone and the value readable everywhere. The commit is durable, so the write is not
        // cancelled with the request. A status check's fill is only a gift to later requests (a
        // miss is always correct), so the answer does not wait for it (docs/cache-coherence.md, rule 4).
        var current = cached is not null && cached.Epoch == result.CacheEpoch && !result.ObservedWasStale
            && result.ViewAfter.Stamp == cached.View.Stamp;
        if (mark is not null)
        {
            await coherence.SettleAsync(cache.PutViewAsync(result.ViewAfter, result.CacheEpoch, readAt, mark));
        }
        else if (result.ViewAfter.Pack is not null && !current)
        {
            coherence.SettleLater(cache.PutViewAsync(result.ViewAfter, result.CacheEpoch, readAt, found: found));
        }
        metrics.Record(operation.Name, result.Audit.Outcome!.Value, cached is not null, result.ObservedWasStale, result.Replayed);
        PackLog.Operation(logger, operation.Name, scan.ProductCode, scan.SerialNumber, result.Audit.Outcome!.Value, result.Audit.AlertId,
            result.Replayed, context.SystemTransactionId, context.ClientTransactionId, caller.ClientId);
        return result.Audit;
    }

    /// <summary>
    /// A pack's audit trail. Audit data belongs to whoever generated it (DR Art 38): operators see
    /// everything; the product's MAH sees the whole life cycle but not who the other parties were;
    /// everyone else sees their own entries.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> HistoryAsync(Caller caller, ScannedPack scan, int limit, CancellationToken cancellationToken)
    {
        caller.Demand(Operation.PackHistory);
        var ownerSees = caller.Role == ClientRole.Mah
            && (await masterData.FindProductAsync(scan.ProductCode, cancellationToken))?.OwnerId == caller.ClientId;
        var seesAll = caller.Role == ClientRole.Operator || ownerSees;
        var entries = await store.PackHistoryAsync(scan.ProductCode, scan.SerialNumber, seesAll ? null : caller.ClientId, limit, cancellationToken);
        return ownerSees
            ? entries.Select(e => e.ClientId == caller.ClientId ? e : e with { ClientId = "", UserId = null, LocationId = "", AlertId = null, Note = null }).ToList()
            : entries;
    }

    /// <summary>Audits a request refused before it reached a pack, with what could be read of the pack.</summary>
    public Task RecordRefusalAsync(Caller caller, Operation kind, string clientTransactionId, V1.PackIdentifier? pack, RpcException refused)
    {
        var fields = pack?.Fields;
        var parsed = pack?.SourceCase == V1.PackIdentifier.SourceOneofCase.Scan ? ScanParser.Parse(pack.Scan) : null;
        var problems = refused.Trailers.GetValue(ScanResolution.ProblemsTrailer);
        var detail = (problems is null ? "" : $" [{problems}]")
            + (string.IsNullOrEmpty(clientTransactionId) ? "" : $" (client transaction id {Truncate(clientTransactionId, 64)})");
        var operation = kind.ToString().ToLowerInvariant();
        metrics.RecordRefusal(operation, refused.StatusCode.ToString());
        return audit.RecordRefusalAsync(caller, operation, refused,
            Truncate(fields?.ProductCode ?? parsed?.ProductCode, 50), Truncate(fields?.SerialNumber ?? parsed?.SerialNumber, 20),
            Truncate(fields?.Batch ?? parsed?.Batch, 20), Truncate(fields?.Expiry ?? parsed?.Expiry, 6), detail);
    }

    /// <summary>
    /// The time a deferred operation (DR Art 29) is judged at, at the audit trail's precision, or null
    /// for one performed now; a performed time out of bounds is refused.
    /// </summary>
    private DateTimeOffset? Deferred(DateTimeOffset? performedAt, DateTimeOffset now)
    {
        if (performedAt is not { } claimed) return null;
        var performed = DateTimeOffset.FromUnixTimeMilliseconds(claimed.ToUnixTimeMilliseconds());
        var verdict = rules.JudgeDeferral(performed, now);
        if (verdict == DeferralVerdict.Accepted) return PackRules.JudgedAt(performed, now);

        var (code, message) = verdict == DeferralVerdict.InFuture
            ? ("PERFORMED_AT_IN_FUTURE",
                $"performed_at {performed:O} is ahead of the server's time {now:O} by more than {rules.Policy.ClockSkewTolerance}; check the terminal's clock.")
            : ("PERFORMED_AT_TOO_OLD",
                $"performed_at {performed:O} is more than {rules.Policy.MaxDeferral} before the server's time {now:O}: deferred operations are accepted only that long after they were performed (DR Art 29).");
        throw new RpcException(new Status(StatusCode.InvalidArgument, message), new Metadata { { DeferralTrailer, code } });
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    private Func<PackView, Decision> Decider(PackOperation operation, Caller caller, DateTimeOffset now)
    {
        var requester = new Requester(caller.ClientId, caller.LocationId, caller.Role);
        var scan = operation.Scan;
        return operation.Kind switch
        {
            Operation.Verify => view => rules.Verify(view, scan, now),
            Operation.Decommission when operation.NamedBySerialOnly => view => rules.ChangeByOwner(view, operation.Reason!.Value, requester, now),
            Operation.Decommission => view => rules.Decommission(view, scan, operation.Reason!.Value, requester, now),
            Operation.Undo => view => rules.Undo(view, scan, operation.Reason!.Value, requester, now),
            Operation.FlagSuspect => view => rules.FlagSuspect(view, scan, now),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>What makes two requests "the same" for idempotency: operation, pack and reason.</summary>
    private static string RequestHash(PackOperation operation)
    {
        var s = operation.Scan;
        var text = string.Join('\u001f', operation.Name, s.ProductCode, s.SerialNumber, s.Batch, s.Expiry);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
