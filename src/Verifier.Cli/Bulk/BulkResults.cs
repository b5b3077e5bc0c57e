using Google.Protobuf;
using Verifier.Cli.Scanning;
using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Bulk;

/// <summary>A bulk run's results: the file (--out: .json, or CSV otherwise) and the summary table by outcome.</summary>
internal static class BulkResults
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private static readonly string[] CsvHeader =
    [
        "index", "client_transaction_id", "product_code", "serial_number", "batch", "expiry", "outcome", "national_code", "active",
        "state", "inactive_reason", "alert_id", "system_transaction_id", "error_status", "error_message", "scan_problems",
    ];

    public static void Write(string path, IReadOnlyList<BulkItemResult> results)
    {
        using var file = new StreamWriter(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            file.WriteLine("[");
            for (var i = 0; i < results.Count; i++) file.WriteLine("  " + Formatter.Format(results[i]) + (i + 1 < results.Count ? "," : ""));
            file.WriteLine("]");
            return;
        }
        file.WriteLine(string.Join(',', CsvHeader));
        foreach (var item in results)
        {
            var r = item.Result;
            string[] row = r is null
                ? [item.Index.ToString(), item.ClientTransactionId, "", "", "", "", "", "", "", "", "", "", "", item.Error.Status, item.Error.Message, item.Error.ScanProblems]
                : [item.Index.ToString(), item.ClientTransactionId, r.Pack.ProductCode, r.Pack.SerialNumber, r.Pack.Batch, r.Pack.Expiry,
                    PackResultPrinter.Name(r.Outcome), r.NationalCode, r.Status.State == PackState.Unspecified ? "" : r.Status.Active ? "true" : "false",
                    r.Status.State == PackState.Unspecified ? "" : PackResultPrinter.Name(r.Status.State),
                    r.Status.State == PackState.Unspecified ? "" : PackResultPrinter.Name(r.Status.Reason), r.AlertId, r.SystemTransactionId, "", "", ""];
            file.WriteLine(string.Join(',', row.Select(CsvLine.Field)));
        }
    }

    /// <summary>One line per outcome (and per refusal status), most frequent first, then alerts and the total.</summary>
    public static void PrintSummary(IReadOnlyList<BulkItemResult> results, TimeSpan elapsed, TextWriter output)
    {
        var rows = results
            .GroupBy(r => r.Result is { } p ? (PackResultPrinter.Name(p.Outcome), p.NationalCode) : ("REFUSED " + r.Error.Status, ""))
            .Select(g => (Outcome: g.Key.Item1, Code: g.Key.Item2, Count: g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Outcome, StringComparer.Ordinal).ToList();
        output.WriteLine($"{"outcome",-28} {"national code",-16} {"packs",8}");
        foreach (var row in rows) output.WriteLine($"{row.Outcome,-28} {row.Code,-16} {row.Count,8:N0}");
        var alerts = results.Count(r => r.Result is { AlertId.Length: > 0 });
        output.WriteLine($"{"total",-28} {"",-16} {results.Count,8:N0}   ({alerts:N0} alerts, {elapsed.TotalSeconds:F1} s)");
    }
}
