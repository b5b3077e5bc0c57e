namespace Verifier.Core.Identification;

// Placeholder until the parser branch lands (HRI only); replaced by the full implementation there.
public static class ScanParser
{
    public static ScanResult Parse(string scan)
    {
        var result = new ScanResult();
        var parts = scan.Split('(', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var close = part.IndexOf(')');
            if (close < 0) continue;
            var value = part[(close + 1)..];
            switch (part[..close])
            {
                case "01": result.ProductCode = value; break;
                case "21": result.SerialNumber = value; break;
                case "10": result.Batch = value; break;
                case "17": result.Expiry = value; break;
            }
        }
        if (result.ProductCode is null) result.Problems.Add(new ScanProblem(ScanProblemCode.UnrecognisedFormat, 0, "Not a unique identifier."));
        return result;
    }
}

public enum ScanProblemCode { UnrecognisedFormat }

public sealed record ScanProblem(ScanProblemCode Code, int Position, string Message);

public sealed class ScanResult
{
    public string? ProductCode { get; set; }
    public string? SerialNumber { get; set; }
    public string? Batch { get; set; }
    public string? Expiry { get; set; }
    public List<ScanProblem> Problems { get; } = [];
    public bool IsComplete => Problems.Count == 0 && ProductCode is not null && SerialNumber is not null && Batch is not null && Expiry is not null;
    public UniqueIdentifier? Identifier => IsComplete ? new UniqueIdentifier(ProductCode!, SerialNumber!, Batch!, Expiry!) : null;
}

public sealed record UniqueIdentifier(string ProductCode, string SerialNumber, string Batch, string Expiry);
