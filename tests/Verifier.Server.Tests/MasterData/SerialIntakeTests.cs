using Verifier.Server.MasterData;
using Verifier.Storage;

namespace Verifier.Server.Tests.MasterData;

public sealed class SerialIntakeTests
{
    [Fact]
    public void Serials_are_checked_across_chunks_with_upload_positions()
    {
        var intake = new SerialIntake();
        intake.Take(["A", "B", "A"]);
        intake.Take(["C", "B", "x y", "Z,\"%&'()*+-./:;<=>?_"]);

        Assert.Equal(7, intake.Received);
        Assert.Equal([("SERIAL_DUPLICATE_IN_UPLOAD", 2L), ("SERIAL_DUPLICATE_IN_UPLOAD", 4L), ("SERIAL_CHARSET", 5L)],
            intake.FirstProblems().Select(p => (p.Code, p.Position)));
        var (serials, positions) = intake.SortedAccepted();
        Assert.Equal(["A", "B", "C", "Z,\"%&'()*+-./:;<=>?_"], serials);
        Assert.Equal([0L, 1L, 3L, 6L], positions);
    }

    [Fact]
    public void Serials_are_case_sensitive()
    {
        var intake = new SerialIntake();
        intake.Take(["abc", "ABC"]);
        Assert.False(intake.HasProblems);
    }

    [Fact]
    public void Problems_found_later_by_the_store_still_come_out_in_position_order()
    {
        var intake = new SerialIntake();
        intake.Take(Enumerable.Range(0, 500).Select(i => i % 5 == 0 ? "" : $"S{i}").ToList());
        intake.Report(new UploadProblem(UploadProblemCodes.SerialExists, 3, "S3", "exists"));
        intake.Report(new UploadProblem(UploadProblemCodes.CountMismatch, -1, null, "count"));

        var problems = intake.FirstProblems();

        Assert.Equal(SerialIntake.MaxReportedProblems, problems.Count);
        Assert.Equal([-1L, 0L, 3L, 5L, 10L], problems.Take(5).Select(p => p.Position));
        Assert.Equal(101, intake.Rejected);
    }
}
