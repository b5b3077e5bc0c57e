using Verifier.Core.Access;

namespace Verifier.Storage;

/// <summary>Who asked, from where, when, and under which transaction ids: the audit trail's "who, where, when".</summary>
/// <param name="Timestamp">When the system recorded the operation.</param>
/// <param name="PerformedAt">For a deferred operation (DR Art 29): when the terminal performed it, as the rules judge it; null when performed as recorded.</param>
public sealed record TransactionContext(
    string SystemTransactionId,
    string? ClientTransactionId,
    DateTimeOffset Timestamp,
    string ClientId,
    ClientRole Role,
    string LocationId,
    string? UserId,
    DateTimeOffset? PerformedAt = null);
