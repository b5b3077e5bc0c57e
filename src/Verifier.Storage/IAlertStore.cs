using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage;

public sealed record AlertRecord(
    string AlertId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ClientId,
    string LocationId,
    string? ProductCode,
    string? SerialNumber,
    string? Batch,
    string? Expiry,
    Outcome Outcome,
    AlertKind Kind,
    AlertStatus Status,
    AlertClassification? Classification,
    string SystemTransactionId,
    string? Note);

/// <summary>Alerts are written by <see cref="IPackStore.CommitAsync"/> with their audit row; this reads and investigates them.</summary>
public interface IAlertStore
{
    /// <summary>Newest first; only <paramref name="clientId"/>'s alerts when given; before <paramref name="beforeAlertId"/> when paging.</summary>
    Task<IReadOnlyList<AlertRecord>> ListAsync(string? clientId, AlertStatus? status, string? beforeAlertId, int limit, CancellationToken cancellationToken);

    Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Writes the new status if the alert is still in <paramref name="expected"/>; false when it moved meanwhile.</summary>
    Task<bool> UpdateAsync(string alertId, AlertStatus expected, AlertStatus status, AlertClassification? classification, string? note, DateTimeOffset at, CancellationToken cancellationToken);
}
