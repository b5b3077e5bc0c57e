using System.CommandLine;
using System.Text.Json;
using Google.Protobuf;
using Verifier.Cli.Client;
using Verifier.Cli.Parsing;
using Verifier.Cli.Scanning;
using Verifier.Core.Identification;
using Verifier.Imaging;
using Verifier.V1;

namespace Verifier.Cli.Imaging;

/// <summary>
/// `verifier scan --image FILE`: reads a pack photo's DataMatrix like a scanner would, and parses
/// it; with --verify or --decommission the photo itself goes to the server, which decodes it again.
/// </summary>
internal static class ScanImageCommand
{
    private const string Description = """
        Decode the DataMatrix in a photo of a pack (PNG, JPEG or WebP; at most 3 MiB, 40 megapixels)
        and parse the first symbol as `verifier parse` does. With --verify or --decommission the image
        is sent to the server, which decodes it itself and answers like `verifier verify`.

        Exit codes: 0 a complete unique identifier (or the server's success), 1 no symbol, problems
        or another outcome, 2 usage error, 3 the file cannot be read or the server refused.

        Examples:
          verifier scan --image pack.jpg
          verifier scan --image pack.jpg --json
          verifier scan --image pack.jpg --decommission supplied
        """;

    private static readonly Option<FileInfo> Image = new("--image") { Description = "The photo of the pack", Required = true };
    private static readonly Option<bool> Json = new("--json") { Description = "Print {\"symbols\":[{\"text\",\"gs1\",\"corners\"}],\"parse\":...} (or the server's answer as JSON)" };
    private static readonly Option<bool> Verify = new("--verify") { Description = "Send the image to the server to verify the pack" };
    private static readonly Option<string?> Decommission = CreateDecommissionOption();

    public static Command Create()
    {
        var command = new Command("scan", Description) { Image, Json, Verify, Decommission };
        PackRequestOptions.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Verify) && result.GetValue(Decommission) is not null) result.AddError("Use --verify or --decommission, not both.");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(parse.GetValue(Image)!.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"verifier scan: cannot read the image: {e.Message}");
                return Task.FromResult(3);
            }

            return parse.GetValue(Verify) || parse.GetValue(Decommission) is not null
                ? SendAsync(parse, bytes, cancellationToken)
                : Task.FromResult(DecodeLocally(bytes, parse.GetValue(Json), output, error));
        });
        return command;
    }

    private static int DecodeLocally(byte[] image, bool json, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DecodedSymbol> symbols;
        try
        {
            symbols = DataMatrixDecoder.Decode(image);
        }
        catch (ImageRejectedException rejected)
        {
            error.WriteLine($"verifier scan: {rejected.Code}: {rejected.Message}");
            return 1;
        }

        var parsed = ScanParser.Parse(symbols[0].ScannerText);
        if (json) output.WriteLine(SymbolsJson(symbols, parsed));
        else
        {
            foreach (var symbol in symbols)
            {
                var corners = string.Join(" ", symbol.Corners.Select(c => $"{c.X:0.#},{c.Y:0.#}"));
                output.WriteLine($"DataMatrix{(symbol.Gs1 ? " (GS1)" : "")}: {VisibleText.Show(symbol.ScannerText)}  corners {corners}");
            }

            output.WriteLine();
            ScanReport.Write(output, parsed);
        }

        output.Flush();
        return parsed.IsComplete ? 0 : 1;
    }

    private static Task<int> SendAsync(ParseResult parse, byte[] image, CancellationToken cancellationToken) =>
        ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new PackService.PackServiceClient(invoker);
            var pack = new PackIdentifier { Image = ByteString.CopyFrom(image) };
            var (transaction, user) = (PackRequestOptions.NewTransactionId(parse), PackRequestOptions.UserId(parse));
            var result = parse.GetValue(Decommission) is { } reason
                ? (await client.DecommissionAsync(
                    new DecommissionRequest { ClientTransactionId = transaction, Pack = pack, Reason = ScannerCommands.Reasons[reason], UserId = user },
                    cancellationToken: cancellationToken)).Result
                : (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = transaction, Pack = pack, UserId = user }, cancellationToken: cancellationToken)).Result;
            return PackResultPrinter.Print(result, parse.GetValue(Json), parse.InvocationConfiguration.Output);
        });

    private static string SymbolsJson(IReadOnlyList<DecodedSymbol> symbols, ScanResult parsed)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ScanJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("symbols");
            foreach (var symbol in symbols)
            {
                writer.WriteStartObject();
                writer.WriteString("text", symbol.Text);
                writer.WriteBoolean("gs1", symbol.Gs1);
                writer.WriteStartArray("corners");
                foreach (var corner in symbol.Corners)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("x", Math.Round(corner.X, 1));
                    writer.WriteNumber("y", Math.Round(corner.Y, 1));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("parse");
            writer.WriteRawValue(ScanJson.Serialize(parsed));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Option<string?> CreateDecommissionOption()
    {
        var option = new Option<string?>("--decommission") { Description = "Send the image to the server to decommission the pack with this reason" };
        option.AcceptOnlyFromAmong([.. ScannerCommands.Reasons.Keys]);
        return option;
    }
}
