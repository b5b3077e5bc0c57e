using System.CommandLine;
using Verifier.Cli.Parsing;
using Verifier.Core.Identification;

namespace Verifier.Cli;

/// <summary>
/// `verifier parse`: shows how the Verifier reads a scanned unique identifier, for pharmacies'
/// support desks, scanner set-up and batch checks of scan logs. Works offline.
/// </summary>
internal static class ParseCommand
{
    public static class ExitCodes
    {
        /// <summary>The scan is a complete, valid unique identifier (--jsonl: all lines processed).</summary>
        public const int Complete = 0;

        /// <summary>The scan has problems (or is not a complete unique identifier).</summary>
        public const int Problems = 1;

        public const int Usage = 2;

        /// <summary>Reading input or writing output failed.</summary>
        public const int InputOutput = 3;
    }

    private const string Description = """
        Parse a scanned pack code and show its unique identifier (product code, serial, batch,
        expiry, NHRN), every element read, each problem with its position, and hints about
        scanner corruptions (Caps Lock, keyboard layout, lost GS separator, typing errors).

        Accepts GS1 element strings with GS (0x1D) separators, with or without AIM symbology
        identifier (]d2 ...); GS1 HRI "(01)...(17)...(10)...(21)..."; GS1 Digital Link URIs; and
        ISO/IEC 15434 messages "[)>" RS "06" GS "9N..." (IFA) or "05" (GS1).

        Exit codes: 0 complete valid UI, 1 problems found, 2 usage error, 3 I/O error.
        With --jsonl the exit code is 0 unless reading or writing failed.

        Examples:
          verifier parse --escapes ']d2010415012345678217271231\x1D10LOT42\x1D21ABC123'
          verifier parse '(01)04150123456782(17)271231(10)LOT42(21)ABC123' --json
          printf '{"scan":"]d2010415012345678221ABC123\\u001d17271231"}\n' | verifier parse --jsonl
        """;

    public static Command Create() => Create(Console.OpenStandardInput);

    /// <param name="openStandardInput">Where --stdin and --jsonl read from; tests pass their own bytes.</param>
    internal static Command Create(Func<Stream> openStandardInput)
    {
        var scanArgument = new Argument<string?>("scan")
        {
            Description = "The scanned text. Omit with --stdin or --jsonl.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var jsonOption = new Option<bool>("--json") { Description = "Print the result as one JSON object (fields: docs/parse-json.md)." };
        var stdinOption = new Option<bool>("--stdin") { Description = "Read the scan from standard input (all of it; one trailing line break is removed)." };
        var jsonlOption = new Option<bool>("--jsonl")
        {
            Description = "Batch mode: read one JSON object per line, {\"scan\": \"...\"} (control characters as \\u001d escapes, optional \"id\" echoed), and write one JSON result per line.",
        };
        var escapesOption = new Option<bool>("--escapes")
        {
            Description = "Interpret \\xHH, \\uHHHH, \\\\ and <GS>, <RS>, <EOT> in the scan, to type control characters in a shell.",
        };

        // Catches surplus arguments and unknown options, so that they are reported here as a usage
        // error with exit code 2 rather than by the command-line parser with its generic 1.
        var surplusArgument = new Argument<string[]>("surplus") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };

        var command = new Command("parse", Description) { scanArgument, surplusArgument, jsonOption, stdinOption, jsonlOption, escapesOption };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var request = new Request(
                parseResult.GetValue(scanArgument),
                parseResult.GetValue(jsonOption),
                parseResult.GetValue(stdinOption),
                parseResult.GetValue(jsonlOption),
                parseResult.GetValue(escapesOption),
                [.. parseResult.GetValue(surplusArgument) ?? [], .. parseResult.UnmatchedTokens]);
            return Run(request, openStandardInput, output, error);
        });
        return command;
    }

    private sealed record Request(string? Scan, bool Json, bool Stdin, bool JsonLines, bool Escapes, IReadOnlyList<string> Unmatched);

    private static int Run(Request request, Func<Stream> openStandardInput, TextWriter output, TextWriter error)
    {
        var usage = UsageError(request);
        if (usage is not null)
        {
            error.WriteLine($"verifier parse: {usage}");
            error.WriteLine("Run 'verifier parse --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            if (request.JsonLines)
            {
                using var lines = new StandardInput(openStandardInput());
                JsonLines.Process(lines, output);
                output.Flush();
                return ExitCodes.Complete;
            }

            var scan = request.Scan ?? string.Empty;
            if (request.Stdin)
            {
                using var input = new StandardInput(openStandardInput());
                (scan, var truncated) = input.ReadScan();
                if (truncated)
                {
                    error.WriteLine($"verifier parse: input exceeds {StandardInput.MaxScanInput} characters; reading stopped");
                }
            }

            if (request.Escapes)
            {
                if (!ScanEscapes.TryUnescape(scan, out var unescaped, out var problem))
                {
                    error.WriteLine($"verifier parse: {problem}");
                    return ExitCodes.Usage;
                }

                scan = unescaped;
            }

            if (scan.Contains('\uFFFD', StringComparison.Ordinal))
            {
                error.WriteLine("verifier parse: the input contains U+FFFD, the replacement for bytes that are not valid UTF-8");
            }

            var result = ScanParser.Parse(scan);
            if (request.Json)
            {
                output.WriteLine(ScanJson.Serialize(result));
            }
            else
            {
                ScanReport.Write(output, result);
            }

            output.Flush();
            return result.IsComplete ? ExitCodes.Complete : ExitCodes.Problems;
        }
        catch (IOException exception)
        {
            error.WriteLine($"verifier parse: I/O error: {exception.Message}");
            return ExitCodes.InputOutput;
        }
    }

    private static string? UsageError(Request request)
    {
        // No scan format starts with "--"; such a token is a mistyped option that took the scan's place.
        if (request.Scan is not null && request.Scan.StartsWith("--", StringComparison.Ordinal))
        {
            return $"unknown option {request.Scan}";
        }

        if (request.Unmatched.Count > 0)
        {
            return $"unexpected argument(s): {string.Join(" ", request.Unmatched)} (quote a scan that contains spaces)";
        }

        var sources = (request.Scan is null ? 0 : 1) + (request.Stdin ? 1 : 0) + (request.JsonLines ? 1 : 0);
        if (sources == 0)
        {
            return "give the scan as an argument, or use --stdin or --jsonl";
        }

        if (sources > 1)
        {
            return "use exactly one of: a scan argument, --stdin, --jsonl";
        }

        if (request.JsonLines && request.Escapes)
        {
            return "--escapes does not apply to --jsonl (use JSON escapes such as \\u001d)";
        }

        return null;
    }
}
