using Verifier.Core.Identification;
using Verifier.Storage;

namespace Verifier.Server.MasterData;

/// <summary>
/// The serial checks the store cannot make: CSET 82, length, and duplicates within the upload
/// (remembered in a set while streaming, with the first position of each serial). Also keeps the
/// first problems by position and the number of rejected serials.
/// </summary>
internal sealed class SerialIntake
{
    public const int MaxSerialLength = 20;

    /// <summary>The set of seen serials is the upload's memory bound (about 100 bytes a serial).</summary>
    public const long MaxSerialsPerUpload = 10_000_000;

    public const int MaxReportedProblems = 100;

    private readonly Dictionary<string, long> _firstPositions = new(StringComparer.Ordinal);
    private readonly List<UploadProblem> _problems = [];
    private UploadProblem? _headerProblem;

    public long Received { get; private set; }

    public long Rejected { get; private set; }

    public bool HasProblems => Rejected > 0 || _headerProblem is not null;

    /// <summary>Checks a chunk and remembers the serials that passed, with their positions.</summary>
    public void Take(IReadOnlyList<string> serials)
    {
        foreach (var serial in serials)
        {
            var position = Received++;
            if (position >= MaxSerialsPerUpload)
            {
                if (position == MaxSerialsPerUpload)
                {
                    Report(new UploadProblem(UploadProblemCodes.UploadTooLarge, position, serial,
                        $"An upload carries at most {MaxSerialsPerUpload:N0} serial numbers; upload the batch's serials in one stream per batch of at most that size."));
                }
                continue;
            }
            if (Check(serial, position) is { } problem) Report(problem);
        }
    }

    /// <summary>
    /// The accepted serials in key order, with their positions. Stored in this order, each chunk
    /// of an upload fills a narrow key range of the product's packs: a commit touches few B-tree
    /// pages, where random order would touch nearly every leaf page with every chunk.
    /// </summary>
    public (string[] Serials, long[] Positions) SortedAccepted()
    {
        var serials = _firstPositions.Keys.ToArray();
        Array.Sort(serials, StringComparer.Ordinal);
        var positions = new long[serials.Length];
        for (var i = 0; i < serials.Length; i++) positions[i] = _firstPositions[serials[i]];
        return (serials, positions);
    }

    /// <summary>Counts serials that are read but not checked (a replayed or refused upload).</summary>
    public void Count(int serials) => Received += serials;

    /// <summary>Counts a problem the store found (a serial that exists already).</summary>
    public void Report(UploadProblem problem)
    {
        if (problem.Position < 0) _headerProblem ??= problem;
        else Rejected++;
        _problems.Add(problem);
        if (_problems.Count > MaxReportedProblems * 2) TrimProblems();
    }

    /// <summary>Counts the serials the store found stored; it describes only the first, as only those can be reported.</summary>
    public void Report(ExistingSerials existing)
    {
        foreach (var problem in existing.Described) Report(problem);
        Rejected += existing.Count - existing.Described.Count;
    }

    /// <summary>The first problems by position (header problems first).</summary>
    public IReadOnlyList<UploadProblem> FirstProblems()
    {
        TrimProblems();
        return _problems;
    }

    private UploadProblem? Check(string serial, long position)
    {
        if (serial.Length is 0 or > MaxSerialLength)
        {
            return new UploadProblem(UploadProblemCodes.SerialLength, position, serial, $"A serial number has 1 to {MaxSerialLength} characters.");
        }
        if (!Cset82.IsValid(serial))
        {
            var bad = serial[Cset82.IndexOfInvalid(serial)];
            return new UploadProblem(UploadProblemCodes.SerialCharset, position, serial,
                $"'{(char.IsControl(bad) ? $"\\u{(int)bad:x4}" : bad.ToString())}' is not in GS1 character set 82.");
        }
        if (!_firstPositions.TryAdd(serial, position))
        {
            return new UploadProblem(UploadProblemCodes.SerialDuplicateInUpload, position, serial,
                $"The serial number already appeared at position {_firstPositions[serial]} of this upload.");
        }
        return null;
    }

    private void TrimProblems()
    {
        _problems.Sort((a, b) => a.Position.CompareTo(b.Position));
        if (_problems.Count > MaxReportedProblems) _problems.RemoveRange(MaxReportedProblems, _problems.Count - MaxReportedProblems);
    }
}
