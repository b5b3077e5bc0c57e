using System.Text;
using System.Text.Json;

namespace Verifier.Cli.Tests;

public sealed class ParseCommandTests
{
    private const string Complete = "]d2010415012345678217271231\u001d10LOT42\u001d21ABC123";
    private const string CompleteEscaped = @"]d2010415012345678217271231\x1D10LOT42<GS>21ABC123";

    [Fact]
    public void Prints_a_readable_parse_and_exits_0_for_a_complete_ui()
    {
        var run = CliRun.Of("parse", Complete);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Product code:   04150123456782 (GTIN)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Serial number:  ABC123", run.Output, StringComparison.Ordinal);
        Assert.Contains("Expiry:         271231 (use until 2027-12-31)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Complete UI:    yes", run.Output, StringComparison.Ordinal);
        Assert.Contains("(10) LOT42", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Shows_problems_with_positions_and_hints_and_exits_1()
    {
        var run = CliRun.Of("parse", "--escapes", "]d2010415012345678210LOT4221ABC123");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("MISSING_SERIAL", run.Output, StringComparison.Ordinal);
        Assert.Contains("MISSING_GROUP_SEPARATOR", run.Output, StringComparison.Ordinal);
        Assert.Contains("suggested reading: ]d2010415012345678210LOT42<GS>21ABC123", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_let_people_type_control_characters()
    {
        var run = CliRun.Of("parse", "--escapes", CompleteEscaped);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Json_has_every_documented_field()
    {
        var run = CliRun.Of("parse", "--json", Complete);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(
            ["format", "symbologyIdentifier", "productCode", "productCodeScheme", "serialNumber", "batch", "expiry", "expiryDate", "nhrn", "nhrnKey", "complete", "elements", "problems", "hints"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("GS1_ELEMENT_STRING", root.GetProperty("format").GetString());
        Assert.Equal("]d2", root.GetProperty("symbologyIdentifier").GetString());
        Assert.Equal("GTIN", root.GetProperty("productCodeScheme").GetString());
        Assert.Equal("2027-12-31", root.GetProperty("expiryDate").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nhrn").ValueKind);
        Assert.True(root.GetProperty("complete").GetBoolean());
        var first = root.GetProperty("elements")[0];
        Assert.Equal(["key", "value", "position", "fmd"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, first.GetProperty("position").GetInt32());
        Assert.Single(run.Output.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Json_problems_and_hints_carry_codes_positions_and_readings()
    {
        var run = CliRun.Of("parse", "--json", "]d2010415012345678210LOT4221ABC123");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var problem = json.RootElement.GetProperty("problems")[0];
        Assert.Equal(["code", "category", "position", "message"], problem.EnumerateObject().Select(p => p.Name));
        Assert.Equal("MISSING_SERIAL", problem.GetProperty("code").GetString());
        Assert.Equal(-1, problem.GetProperty("position").GetInt32());
        var hint = json.RootElement.GetProperty("hints")[0];
        Assert.Equal(["code", "message", "suggestedReading"], hint.EnumerateObject().Select(p => p.Name));
        Assert.Equal("]d2010415012345678210LOT42\u001d21ABC123", hint.GetProperty("suggestedReading").GetString());
        Assert.Contains("\\u001D", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_scan_from_standard_input_without_its_line_break()
    {
        var run = CliRun.Parse(Complete + "\n", "--stdin", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("ABC123", json.RootElement.GetProperty("serialNumber").GetString());
    }

    [Fact]
    public void Invalid_utf8_becomes_an_encoding_error_not_a_crash()
    {
        var bytes = Encoding.UTF8.GetBytes("]d20104150123456782")
            .Concat(new byte[] { 0xFF, 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("17271231"))
            .ToArray();

        var run = CliRun.Parse(bytes, "--stdin", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ENCODING_ERROR", run.Output, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_megabytes_on_standard_input_is_refused_quickly()
    {
        var bytes = new byte[10 * 1024 * 1024];
        new Random(1).NextBytes(bytes);

        var run = CliRun.Parse(bytes, "--stdin", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TOO_LONG", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_input_stream_exits_3()
    {
        var run = CliRun.Parse(() => new FailingStream(), "--stdin");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("I/O error", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string> UsageErrors => new()
    {
        string.Empty,
        "--stdin ]d201",
        "--jsonl --stdin",
        "--jsonl --escapes",
        "one two",
        "--frobnicate x",
        "--escapes bad\\q",
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2(string args)
    {
        var run = CliRun.Parse(string.Empty, args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("verifier parse:", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Help_describes_formats_options_and_exit_codes()
    {
        var run = CliRun.Of("parse", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var text in new[] { "--json", "--jsonl", "--stdin", "--escapes", "ISO/IEC 15434", "Exit codes", "]d2" })
        {
            Assert.Contains(text, run.Output, StringComparison.Ordinal);
        }
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("pipe broke");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
