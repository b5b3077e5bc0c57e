using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Verifier.Server.Tests.Bulk;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Offline;

/// <summary>
/// Deferred operations (DR Art 29) through the real server: a performed time within the bounds is
/// accepted, judged and audited beside the recorded time; outside them it is refused; a replay under
/// the same client transaction id is the original answer.
/// </summary>
public sealed class DeferredOperationTests(EmbeddedGarnetFixture fixture) : IClassFixture<EmbeddedGarnetFixture>
{
    private VerifierServer Server => fixture.Server;

    private PackService.PackServiceClient Berlin => Server.Packs(DemoKeys.PharmacyBerlin);

    [Fact]
    public async Task A_decommission_performed_thirty_hours_ago_is_applied_and_audited_with_both_times()
    {
        var serial = await NewPackAsync(Server);
        var performed = Millis(DateTimeOffset.UtcNow.AddHours(-30));
        var transactionId = NewTransactionId();

        var result = (await Berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = transactionId, Pack = Fields(serial), Reason = DecommissionReason.Supplied,
            PerformedAt = Timestamp.FromDateTimeOffset(performed),
        })).Result;

        Assert.Equal(Outcome.Success, result.Outcome);
        Assert.Equal(PackState.Supplied, result.Status.State);
        Assert.Equal(performed, result.PerformedAt.ToDateTimeOffset());
        Assert.InRange(result.Timestamp.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var entry = (await History(serial)).Single(e => e.ClientTransactionId == transactionId);
        Assert.Equal((performed, result.Timestamp), (entry.PerformedAt.ToDateTimeOffset(), entry.Timestamp));
        await using var connection = Server.Database.Open();
        Assert.Equal(performed.ToUnixTimeMilliseconds(), connection.ExecuteScalar<long>("SELECT changed_at FROM packs WHERE serial = @serial", new { serial }));
    }

    [Fact]
    public async Task An_operation_performed_now_has_no_performed_time_in_its_answer_or_history()
    {
        var serial = await NewPackAsync(Server);

        var result = (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;

        Assert.Null(result.PerformedAt);
        Assert.Null(Assert.Single(await History(serial)).PerformedAt);
    }

    [Fact]
    public async Task A_performed_time_older_than_five_days_is_refused_changes_nothing_and_is_audited()
    {
        var serial = await NewPackAsync(Server);

        var error = await Assert.ThrowsAsync<RpcException>(() => Berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
            PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-5).AddMinutes(-1)),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("PERFORMED_AT_TOO_OLD", error.Trailers.GetValue("verifier-deferral"));
        Assert.Contains("DR Art 29", error.Status.Detail);
        var verified = (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;
        Assert.True(verified.Status.Active);
        var refusal = (await History(serial)).Single(e => e.Operation == "decommission");
        Assert.Equal(Outcome.Unspecified, refusal.Outcome);
        Assert.Contains("performed_at", refusal.Note);
    }

    [Fact]
    public async Task A_performed_time_ahead_of_the_server_beyond_the_clock_skew_is_refused_and_within_it_taken_as_now()
    {
        var serial = await NewPackAsync(Server);

        var error = await Assert.ThrowsAsync<RpcException>(() => Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial),
            PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(10)),
        }).ResponseAsync);
        var skewed = (await Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial),
            PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(30)),
        })).Result;

        Assert.Equal((StatusCode.InvalidArgument, "PERFORMED_AT_IN_FUTURE"), (error.StatusCode, error.Trailers.GetValue("verifier-deferral")));
        Assert.Equal(Outcome.Success, skewed.Outcome);
        Assert.Equal(skewed.Timestamp, skewed.PerformedAt);
    }

    [Fact]
    public async Task A_replay_with_the_same_transaction_id_is_the_original_answer_and_applies_nothing_twice()
    {
        var serial = await NewPackAsync(Server);
        var request = new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
            PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)),
        };

        var first = (await Berlin.DecommissionAsync(request)).Result;
        request.PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1));
        var replay = (await Berlin.DecommissionAsync(request)).Result;

        Assert.Equal(first, replay);
        Assert.Equal("", replay.AlertId);
        Assert.Single(await History(serial), e => e.Operation == "decommission:supplied");
    }

    [Fact]
    public async Task A_malformed_performed_time_is_refused()
    {
        var serial = await NewPackAsync(Server);

        var error = await Assert.ThrowsAsync<RpcException>(() => Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), PerformedAt = new Timestamp { Seconds = 1, Nanos = -5 },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("performed_at", error.Status.Detail);
    }

    [Fact]
    public async Task A_bulk_item_carries_its_performed_time_and_one_beyond_the_bound_fails_alone()
    {
        var deferred = await NewPackAsync(Server);
        var tooOld = await NewPackAsync(Server);
        var performed = Millis(DateTimeOffset.UtcNow.AddHours(-3));
        var inTime = BulkCalls.Decommission(Fields(deferred));
        inTime.PerformedAt = Timestamp.FromDateTimeOffset(performed);
        var late = BulkCalls.Decommission(Fields(tooOld));
        late.PerformedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-6));

        var results = await BulkCalls.StreamAsync(Server.Bulk(DemoKeys.Wholesaler), [inTime, late]);

        Assert.Equal(Outcome.Success, results[0].Result.Outcome);
        Assert.Equal(performed, results[0].Result.PerformedAt.ToDateTimeOffset());
        Assert.Equal("INVALID_ARGUMENT", results[1].Error.Status);
        Assert.Contains("DR Art 29", results[1].Error.Message);
    }

    private async Task<IReadOnlyList<AuditEntry>> History(string serial) =>
        [.. (await Server.Packs(DemoKeys.Operator).PackHistoryAsync(new PackHistoryRequest { Pack = Fields(serial) })).Entries
            .Where(e => e.Operation is not ("upload" or "product-upsert"))];

    private static DateTimeOffset Millis(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
