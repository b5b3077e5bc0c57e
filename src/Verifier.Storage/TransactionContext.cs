using Verifier.Core.Access;

namespace Verifier.Storage;

/// <summary>Who asked, from where, when, and under which transaction ids: the audit trail's "who, where, when".</summary>
public sealed record TransactionContext(
    string SystemTransactionId,
    string? ClientTransactionId,
    DateTimeOffset Timestamp,
    string ClientId,
    ClientRole Role,
    string LocationId,
    string? UserId);
