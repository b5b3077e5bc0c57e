using System.Text;
using System.Text.Json;

namespace Verifier.Cli.Tests;

public sealed class JsonLinesTests
{
    [Fact]
    public void Answers_every_line_in_order_and_continues_after_bad_lines()
    {
        var input = string.Join('\n',
            """{"scan": "]d2010415012345678217271231\u001d10LOT42\u001d21ABC123", "id": 7}""",
            "not json",
            "",
            """{"scan": 42}""",
            """{"id": "x"}""",
            """{"scan": "(01)04150123456782(17)271231(10)LOT42(21)ABC123", "id": {"pharmacy": "A"}}""",
            """{"scan": ""}""") + "\n";

        var run = CliRun.Parse(input, "--jsonl");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 2, 4, 5, 6, 7], lines.Select(l => l.GetProperty("line").GetInt32()));

        Assert.Equal(7, lines[0].GetProperty("id").GetInt32());
        Assert.True(lines[0].GetProperty("complete").GetBoolean());
        Assert.Equal("INVALID_JSON", lines[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("MISSING_SCAN", lines[2].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("MISSING_SCAN", lines[3].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("A", lines[4].GetProperty("id").GetProperty("pharmacy").GetString());
        Assert.Equal("GS1_HRI", lines[4].GetProperty("format").GetString());
        Assert.Equal("EMPTY", lines[5].GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Handles_crlf_a_missing_final_newline_and_a_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }
            .Concat(Encoding.UTF8.GetBytes("{\"scan\":\"]d2\"}\r\n{\"scan\":\"hello\"}"))
            .ToArray();

        var run = CliRun.Parse(bytes, "--jsonl");

        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"line\":1", lines[0], StringComparison.Ordinal);
        Assert.Contains("UNRECOGNISED_FORMAT", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_answered()
    {
        var run = CliRun.Parse("{\"scan\": \"]d221AB\\ud800C\"}\n", "--jsonl");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(
            root.TryGetProperty("error", out _)
            || root.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("code").GetString() == "ENCODING_ERROR"));
    }

    [Fact]
    public void Invalid_utf8_in_a_line_is_replaced_and_reported()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"scan\": \"]d221AB")
            .Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("C\"}\n"))
            .ToArray();

        var run = CliRun.Parse(bytes, "--jsonl");

        Assert.Contains("ENCODING_ERROR", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_line_is_refused_and_the_next_is_answered()
    {
        var input = "{\"scan\": \"" + new string('1', 2 * 1024 * 1024) + "\"}\n{\"scan\": \"hello\"}\n";

        var run = CliRun.Parse(input, "--jsonl");

        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("LINE_TOO_LONG", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"line\":2", lines[1], StringComparison.Ordinal);
    }
}
