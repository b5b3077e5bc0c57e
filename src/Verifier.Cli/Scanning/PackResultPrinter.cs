using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Verifier.Cli.Parsing;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>Prints a pack result for people (default) or machines (--json, the proto's JSON mapping).</summary>
internal static class PackResultPrinter
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static int Print(PackResult result, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(Formatter.Format(result));
        }
        else
        {
            output.WriteLine($"{Name(result.Outcome)} ({result.NationalCode}): {result.Message}");
            if (result.DecodedScan.Length > 0) output.WriteLine($"  decoded  {VisibleText.Show(result.DecodedScan)} (from the image)");
            var pack = result.Pack;
            output.WriteLine($"  pack     product {pack.ProductCode}  serial {pack.SerialNumber}  batch {pack.Batch}  expiry {pack.Expiry}");
            var status = result.Status;
            output.WriteLine(status.State == PackState.Unspecified
                ? "  status   unknown"
                : $"  status   {(status.Active ? "ACTIVE" : "INACTIVE")}  state {Name(status.State)}  reason {Name(status.Reason)}");
            if (result.RepeatCount > 0) output.WriteLine($"  repeats  {result.RepeatCount} (double scan by this location)");
            foreach (var hint in result.ScanHints)
            {
                output.WriteLine($"  hint     {hint.Code}: {hint.Message}");
                if (hint.SuggestedReading.Length > 0) output.WriteLine($"           suggested reading: {VisibleText.Show(hint.SuggestedReading)}");
            }
            if (result.AlertId.Length > 0) output.WriteLine($"  ALERT    {result.AlertId} raised: potential falsification, to be investigated");
            output.WriteLine($"  tx       {result.SystemTransactionId}  client tx {result.ClientTransactionId}  at {result.Timestamp.ToDateTimeOffset():O}");
            if (result.PerformedAt is { } performed) output.WriteLine($"  deferred performed at {performed.ToDateTimeOffset():O} (DR Art 29)");
        }
        return result.Outcome == Outcome.Success ? 0 : 1;
    }

    /// <summary>"OUTCOME_ALREADY_INACTIVE" → "ALREADY_INACTIVE": the proto name without its enum's prefix.</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var name = OriginalName(typeof(T), value.ToString());
        // Every proto enum starts with PREFIX_UNSPECIFIED = 0, which gives the prefix to strip.
        var prefix = OriginalName(typeof(T), Enum.GetName(typeof(T), 0) ?? "")[..^"UNSPECIFIED".Length];
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    private static string OriginalName(Type type, string member) =>
        type.GetField(member)?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? member;
}
