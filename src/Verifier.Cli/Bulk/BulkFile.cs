using Verifier.Cli.Parsing;
using Verifier.Cli.Scanning;
using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Bulk;

/// <summary>
/// The packs of a bulk run: either one scan per line (control characters typed as the parse
/// command accepts them: &lt;GS&gt;, \x1D ...), or CSV whose header names the fields:
/// product_code, serial_number (or serial), batch, expiry, and optionally operation (verify,
/// decommission, undo), reason and client_transaction_id per line. Blank lines are skipped. A line
/// the server will refuse (a bad scan) is still sent: it fails alone, with its problem in the results.
/// </summary>
internal static class BulkFile
{
    public static readonly IReadOnlyDictionary<string, BulkOperationKind> Operations = new Dictionary<string, BulkOperationKind>
    {
        ["verify"] = BulkOperationKind.Verify,
        ["decommission"] = BulkOperationKind.Decommission,
        ["undo"] = BulkOperationKind.Undo,
    };

    /// <param name="idPrefix">Client transaction ids are "prefix-line" unless the file gives them: the same prefix replays a run.</param>
    public static List<BulkPackOperation> Read(string path, BulkOperationKind kind, DecommissionReason reason, string idPrefix)
    {
        var lines = File.ReadAllLines(path);
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0) throw new InvalidDataException($"{path}: no packs in the file.");
        var header = CsvLine.Split(lines[first].Trim()).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var csv = header.Contains("product_code");
        var operations = new List<BulkPackOperation>();
        for (var i = csv ? first + 1 : first; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r', '\n');
            if (line.Trim().Length == 0) continue;
            var operation = new BulkPackOperation { ClientTransactionId = $"{idPrefix}-{i + 1}", Kind = kind, Reason = reason };
            if (csv) FromCsv(path, i + 1, header, line, operation);
            else operation.Pack = new PackIdentifier { Scan = ScanEscapes.TryUnescape(line.Trim(), out var scan, out _) ? scan : line.Trim() };
            operations.Add(operation);
        }
        if (operations.Count == 0) throw new InvalidDataException($"{path}: no packs in the file.");
        return operations;
    }

    private static void FromCsv(string path, int number, List<string> header, string line, BulkPackOperation operation)
    {
        List<string> fields;
        try
        {
            fields = CsvLine.Split(line);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}:{number}: {e.Message}.");
        }
        string Field(params string[] names) =>
            names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0 && i < fields.Count, -1) is var i and >= 0 ? fields[i].Trim() : "";
        operation.Pack = new PackIdentifier
        {
            Fields = new PackFields
            {
                ProductCode = Field("product_code"), SerialNumber = Field("serial_number", "serial"), Batch = Field("batch"), Expiry = Field("expiry"),
            },
        };
        if (Field("operation") is { Length: > 0 } kind)
        {
            operation.Kind = Operations.TryGetValue(kind.ToLowerInvariant(), out var k)
                ? k : throw new InvalidDataException($"{path}:{number}: operation '{kind}' is not one of verify, decommission, undo.");
        }
        if (Field("reason") is { Length: > 0 } reason)
        {
            operation.Reason = ScannerCommands.Reasons.TryGetValue(reason.ToLowerInvariant(), out var r)
                ? r : throw new InvalidDataException($"{path}:{number}: reason '{reason}' is not one of {string.Join(", ", ScannerCommands.Reasons.Keys)}.");
        }
        if (Field("client_transaction_id") is { Length: > 0 } id) operation.ClientTransactionId = id;
    }
}
