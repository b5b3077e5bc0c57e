using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Health.V1;
using Verifier.Core.Identification;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Rest;

/// <summary>
/// The REST/JSON API (gRPC JSON transcoding) driven by a plain HttpClient over HTTP/1.1 against the real server: the
/// same keys, refusals and answers as gRPC, for packs, alerts, master data, clients and bulk jobs.
/// </summary>
public sealed class RestApiTests(NoCacheFixture fixture) : IClassFixture<NoCacheFixture>, IDisposable
{
    private readonly RestCalls _rest = new(fixture.Server);

    private VerifierServer Server => fixture.Server;

    public void Dispose() => _rest.Dispose();

    [Fact]
    public async Task Verify_and_decommission_over_REST_answer_what_gRPC_answers()
    {
        var viaRest = await NewPackAsync(Server);
        var viaGrpc = await NewPackAsync(Server);
        var berlin = Server.Packs(DemoKeys.PharmacyBerlin);
        var munich = Server.Packs(DemoKeys.PharmacyMunich);

        var restVerify = await RestVerify(DemoKeys.PharmacyBerlin, viaRest);
        var grpcVerify = (await berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(viaGrpc) })).Result;
        var restTransaction = NewTransactionId();
        var restSupplied = await RestDecommission(DemoKeys.PharmacyBerlin, viaRest, restTransaction);
        var restRetry = await RestDecommission(DemoKeys.PharmacyBerlin, viaRest, restTransaction);
        var grpcSupplied = (await berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Scan(viaGrpc), Reason = DecommissionReason.Supplied,
        })).Result;
        // Crosswise: each API sees what the other one did.
        var restAgain = await RestDecommission(DemoKeys.PharmacyMunich, viaGrpc, NewTransactionId());
        var grpcAgain = (await munich.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Scan(viaRest), Reason = DecommissionReason.Supplied,
        })).Result;

        Assert.Equal(Outcome.Success, restVerify.Outcome);
        Assert.Equal(Comparable(grpcVerify), Comparable(restVerify));
        Assert.Equal(Outcome.Success, restSupplied.Outcome);
        Assert.Equal(Comparable(grpcSupplied), Comparable(restSupplied));
        Assert.Equal(restSupplied.SystemTransactionId, restRetry.SystemTransactionId);
        Assert.Equal(Outcome.AlreadyInactive, restAgain.Outcome);
        Assert.Equal("NMVS_NC_PCK_22", restAgain.NationalCode);
        Assert.Equal(Comparable(grpcAgain), Comparable(restAgain));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-key")]
    public async Task Without_a_valid_key_REST_is_401_with_a_JSON_error(string? apiKey)
    {
        var answer = await _rest.Post("/v1/packs:verify", apiKey, new { clientTransactionId = NewTransactionId(), pack = new { scan = Scan(NewSerial()).Scan } });

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(HttpVersion.Version11, answer.Version);
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal(16, answer.Json.GetProperty("code").GetInt32());
        Assert.NotEmpty(answer.Str("message"));
    }

    [Fact]
    public async Task A_malformed_scan_is_400_with_the_parser_problem_codes_in_a_header()
    {
        var answer = await _rest.Post("/v1/packs:verify", DemoKeys.PharmacyBerlin,
            new { clientTransactionId = NewTransactionId(), pack = new { scan = $"(01){Gtin}(17){Expiry}(10){Lot}" } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(3, answer.Json.GetProperty("code").GetInt32());
        Assert.Contains("MISSING_SERIAL", answer.Headers["verifier-scan-problems"]);
    }

    [Fact]
    public async Task Alerts_are_read_and_investigated_over_REST_and_others_alerts_are_404()
    {
        var raised = await RestVerify(DemoKeys.PharmacyBerlin, NewSerial());

        var own = await _rest.Get($"/v1/alerts/{raised.AlertId}", DemoKeys.PharmacyBerlin);
        var others = await _rest.Get($"/v1/alerts/{raised.AlertId}", DemoKeys.PharmacyMunich);
        var byPharmacy = await _rest.Patch($"/v1/alerts/{raised.AlertId}", DemoKeys.PharmacyBerlin, new { status = "ALERT_STATUS_ESCALATED" });
        var investigated = await _rest.Patch($"/v1/alerts/{raised.AlertId}", DemoKeys.Operator,
            new { status = "ALERT_STATUS_UNDER_INVESTIGATION", note = "pack photo requested" });
        var listed = await _rest.Get("/v1/alerts?status=ALERT_STATUS_UNDER_INVESTIGATION&pageSize=1000", DemoKeys.Operator);

        Assert.Equal(Outcome.SerialUnknown, raised.Outcome);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal("OUTCOME_SERIAL_UNKNOWN", own.Str("alert", "outcome"));
        Assert.Equal(HttpStatusCode.NotFound, others.Status);
        Assert.Equal(5, others.Json.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byPharmacy.Status);
        Assert.Equal(HttpStatusCode.OK, investigated.Status);
        Assert.Equal("ALERT_STATUS_UNDER_INVESTIGATION", investigated.Str("alert", "status"));
        Assert.Contains(listed.Json.GetProperty("alerts").EnumerateArray(), alert => alert.GetProperty("alertId").GetString() == raised.AlertId);
    }

    [Fact]
    public async Task Master_data_is_kept_over_REST_by_its_MAH_only()
    {
        var body = "0415" + Random.Shared.NextInt64(100_000_000, 999_999_999);
        var code = body + Gs1CheckDigit.Compute(body);
        var product = new
        {
            scheme = "PRODUCT_CODE_SCHEME_GTIN", name = "Restolin 5 mg", commonName = "restolin", pharmaceuticalForm = "tablet",
            strength = "5 mg", packSize = 20, packType = "blister", targetMarkets = new[] { "DE" }, nhrn = "12345678",
        };

        var created = await _rest.Put($"/v1/products/{code}", DemoKeys.MahAcme, product);
        var byPharmacy = await _rest.Put($"/v1/products/{code}", DemoKeys.PharmacyBerlin, product);
        var summary = await _rest.Get($"/v1/products/{Gtin}/batchSummary?batch={Lot}", DemoKeys.MahAcme);

        Assert.True(created.Status == HttpStatusCode.OK, created.Text);
        Assert.Equal(1, created.Json.GetProperty("version").GetInt32());
        Assert.True(created.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, byPharmacy.Status);
        Assert.Equal(HttpStatusCode.OK, summary.Status);
        Assert.Equal((Gtin, Lot, Expiry), (summary.Str("productCode"), summary.Str("batch"), summary.Str("expiry")));
    }

    [Fact]
    public async Task A_client_created_over_REST_verifies_over_REST_and_its_history_is_readable()
    {
        var created = await _rest.Post("/v1/clients", DemoKeys.Operator,
            new { clientId = "rest-" + Guid.NewGuid().ToString("N")[..8], role = "CLIENT_ROLE_PHARMACY", locationId = "PH-REST" });
        var serial = await NewPackAsync(Server);

        var verified = await RestVerify(created.Str("apiKey"), serial);
        var history = await _rest.Post("/v1/packs:history", DemoKeys.Operator, new { pack = new { scan = Scan(serial).Scan } });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(Outcome.Success, verified.Outcome);
        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Contains(history.Json.GetProperty("entries").EnumerateArray(),
            entry => entry.GetProperty("systemTransactionId").GetString() == verified.SystemTransactionId);
    }

    [Fact]
    public async Task A_bulk_job_is_submitted_and_read_over_REST()
    {
        var serial = await NewPackAsync(Server);
        var submitted = await _rest.Post("/v1/bulkJobs", DemoKeys.Wholesaler, new
        {
            clientJobId = "rest-" + NewTransactionId(),
            operations = new[] { new { clientTransactionId = NewTransactionId(), kind = "BULK_OPERATION_KIND_VERIFY", pack = new { scan = Scan(serial).Scan } } },
        });
        Assert.Equal(HttpStatusCode.OK, submitted.Status);

        var job = await _rest.Get($"/v1/bulkJobs/{submitted.Str("jobId")}", DemoKeys.Wholesaler);
        for (var waited = 0; job.Str("state") != "BULK_JOB_STATE_DONE" && waited < 300; waited++)
        {
            await Task.Delay(100);
            job = await _rest.Get($"/v1/bulkJobs/{submitted.Str("jobId")}", DemoKeys.Wholesaler);
        }
        var byOthers = await _rest.Get($"/v1/bulkJobs/{submitted.Str("jobId")}", DemoKeys.PharmacyBerlin);

        Assert.Equal("BULK_JOB_STATE_DONE", job.Str("state"));
        Assert.Equal("OUTCOME_SUCCESS", job.Json.GetProperty("results")[0].GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byOthers.Status);
    }

    [Fact]
    public async Task The_OpenAPI_document_and_health_need_no_key()
    {
        var document = await _rest.Get("/openapi/v1.json", apiKey: null);
        var health = await new Health.HealthClient(Server.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Json.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/packs:verify").TryGetProperty("post", out _), document.Text[..Math.Min(2000, document.Text.Length)]);
        Assert.True(paths.TryGetProperty("/v1/alerts/{alertId}", out _));
        Assert.Equal("x-api-key", document.Json.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    private async Task<PackResult> RestVerify(string apiKey, string serial) =>
        Parse<VerifyResponse>(await _rest.Post("/v1/packs:verify", apiKey, new { clientTransactionId = NewTransactionId(), pack = new { scan = Scan(serial).Scan } })).Result;

    private async Task<PackResult> RestDecommission(string apiKey, string serial, string clientTransactionId) =>
        Parse<DecommissionResponse>(await _rest.Post("/v1/packs:decommission", apiKey,
            new { clientTransactionId, pack = new { scan = Scan(serial).Scan }, reason = "DECOMMISSION_REASON_SUPPLIED" })).Result;

    /// <summary>The answer as the contract's message: protobuf's own JSON parser refuses anything the proto does not define.</summary>
    private static T Parse<T>(RestAnswer answer) where T : IMessage<T>, new()
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Text}");
        return JsonParser.Default.Parse<T>(answer.Text);
    }

    /// <summary>What two answers about two packs in the same situation share (ids, serials and times differ).</summary>
    private static object Comparable(PackResult result) => (result.Outcome, result.NationalCode, result.Message, result.Status.Clone(),
        result.Pack.ProductCode, result.Pack.Batch, result.Pack.Expiry, HasAlert: result.AlertId != "");
}
