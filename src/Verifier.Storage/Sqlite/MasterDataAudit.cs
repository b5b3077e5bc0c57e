using Microsoft.Data.Sqlite;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// The audit row of a master data operation (upload, recall, withdraw, product upsert): the same
/// append-only trail as pack operations (DR Art 35(1)(g)), without a serial.
/// </summary>
internal static class MasterDataAudit
{
    public static void Write(
        SqliteConnection connection, SqliteTransaction transaction, TransactionContext context, string operation,
        string productCode, string? batch, string? expiry, bool active, string? note) =>
        AuditTrail.Append(connection, transaction,
            AuditRecord.Entry(context, operation, Outcome.Success, productCode, batch: batch, expiry: expiry, active: active, note: note),
            requestHash: null);
}
