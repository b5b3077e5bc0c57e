using System.CommandLine;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>`verifier product upsert|withdraw` and `verifier batch recall|summary`: single master data changes.</summary>
internal static class ProductCommand
{
    private static readonly Option<string> Code = new("--code") { Description = "Product code: GTIN-14/NTIN or PPN", Required = true };
    private static readonly Option<string> Scheme = CreateSchemeOption();
    private static readonly Option<string> Name = new("--name") { Description = "Product name", Required = true };
    private static readonly Option<string?> CommonName = new("--common-name") { Description = "Common (INN) name" };
    private static readonly Option<string?> Form = new("--form") { Description = "Pharmaceutical form, e.g. tablet" };
    private static readonly Option<string?> Strength = new("--strength") { Description = "Strength, e.g. 10 mg" };
    private static readonly Option<int> PackSize = new("--pack-size") { Description = "Units per pack", Required = true };
    private static readonly Option<string?> PackType = new("--pack-type") { Description = "Pack type, e.g. blister" };
    private static readonly Option<string[]> Markets = new("--market") { Description = "Target market (ISO alpha-2), repeatable", Required = true, AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string?> Nhrn = new("--nhrn") { Description = "National reimbursement number, where the market requires one" };
    private static readonly Option<string?> MahId = new("--mah-id") { Description = "Owning MAH client id (operators only)" };
    private static readonly Option<string> Batch = new("--batch") { Description = "Batch id", Required = true };
    private static readonly Option<string> Market = new("--market") { Description = "Market (ISO alpha-2)", Required = true };
    private static readonly Option<string?> Reason = new("--reason") { Description = "Why (kept in the audit trail)" };

    public static IEnumerable<Command> Create()
    {
        var upsert = new Command("upsert", "Create or change a product; every change becomes a new version (exit 0, or 3 on a server error)");
        foreach (var option in new Option[] { Code, Scheme, Name, CommonName, Form, Strength, PackSize, PackType, Markets, Nhrn, MahId }) upsert.Options.Add(option);
        upsert.SetAction((parse, ct) => CallAsync(parse, async client =>
        {
            var product = new Product
            {
                ProductCode = parse.GetValue(Code)!,
                Scheme = ProductFile.Scheme(parse.GetValue(Scheme)!),
                Name = parse.GetValue(Name)!,
                CommonName = parse.GetValue(CommonName) ?? "",
                PharmaceuticalForm = parse.GetValue(Form) ?? "",
                Strength = parse.GetValue(Strength) ?? "",
                PackSize = parse.GetValue(PackSize),
                PackType = parse.GetValue(PackType) ?? "",
                Nhrn = parse.GetValue(Nhrn) ?? "",
                MahId = parse.GetValue(MahId) ?? "",
            };
            product.TargetMarkets.AddRange(parse.GetValue(Markets) ?? []);
            var response = await client.UpsertProductAsync(new UpsertProductRequest { Product = product }, cancellationToken: ct);
            return $"product {product.ProductCode}: version {response.Version}{(response.Changed ? "" : " (unchanged)")}";
        }));

        var withdraw = new Command("withdraw", "Withdraw a product from a market (irreversible)");
        foreach (var option in new Option[] { Code, Market, Reason }) withdraw.Options.Add(option);
        withdraw.SetAction((parse, ct) => CallAsync(parse, async client =>
        {
            var response = await client.WithdrawProductAsync(new WithdrawProductRequest
            {
                ProductCode = parse.GetValue(Code)!, Market = parse.GetValue(Market)!, Reason = parse.GetValue(Reason) ?? "",
            }, cancellationToken: ct);
            return response.Changed ? "withdrawn" : "already withdrawn (no change)";
        }));

        var product = new Command("product", "Product master data (MAH: own products; operator: all)") { upsert, withdraw };
        yield return product;

        var recall = new Command("recall", "Recall a batch: every pack answers \"recalled\" (irreversible)");
        foreach (var option in new Option[] { Code, Batch, Reason }) recall.Options.Add(option);
        recall.SetAction((parse, ct) => CallAsync(parse, async client =>
        {
            var response = await client.RecallBatchAsync(new RecallBatchRequest
            {
                ProductCode = parse.GetValue(Code)!, Batch = parse.GetValue(Batch)!, Reason = parse.GetValue(Reason) ?? "",
            }, cancellationToken: ct);
            return $"{(response.Changed ? "recalled" : "already recalled (no change)")}: {response.PackCount:N0} packs";
        }));

        var summary = new Command("summary", "Pack counts per state of a batch");
        foreach (var option in new Option[] { Code, Batch }) summary.Options.Add(option);
        summary.SetAction((parse, ct) => CallAsync(parse, async client =>
        {
            var response = await client.BatchSummaryAsync(new BatchSummaryRequest { ProductCode = parse.GetValue(Code)!, Batch = parse.GetValue(Batch)! }, cancellationToken: ct);
            var states = string.Join(", ", response.Counts.Select(c => $"{c.State}={c.Count:N0}"));
            return $"{response.ProductCode} batch {response.Batch} expiry {response.Expiry}{(response.Recalled ? " RECALLED" : "")}: {response.PackCount:N0} packs ({states})";
        }));

        yield return new Command("batch", "Batches: recall, summary") { recall, summary };
    }

    /// <summary>One master data call whose answer is one line.</summary>
    private static Task<int> CallAsync(ParseResult parse, Func<MasterDataService.MasterDataServiceClient, Task<string>> call) =>
        ServerConnection.CallAsync(parse, async invoker =>
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(await call(new MasterDataService.MasterDataServiceClient(invoker)));
            return 0;
        });

    /// <summary>Checked here, so an unknown scheme is a usage error (exit 2) rather than the server's refusal.</summary>
    private static Option<string> CreateSchemeOption()
    {
        var option = new Option<string>("--scheme") { Description = "Product code scheme: gtin (also ntin) or ppn", Required = true };
        option.AcceptOnlyFromAmong([.. ProductFile.Schemes.Keys]);
        return option;
    }
}
