using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Packs;

/// <summary>
/// Every outcome of domain.md section 5 through the real server. Runs once per cache mode
/// (the concrete classes at the bottom), since a cache must never change an answer.
/// </summary>
public abstract class PackFlowTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    protected VerifierServer Server => fixture.Server;

    private PackService.PackServiceClient Berlin => Server.Packs(DemoKeys.PharmacyBerlin);

    private PackService.PackServiceClient Munich => Server.Packs(DemoKeys.PharmacyMunich);

    [ServerFact]
    public async Task An_active_pack_verifies_without_an_alert()
    {
        var serial = await NewPackAsync(Server);

        var result = (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(serial) })).Result;

        Assert.Equal(Outcome.Success, result.Outcome);
        Assert.Equal("NMVS_SUCCESS", result.NationalCode);
        Assert.True(result.Status.Active);
        Assert.Equal(PackState.Active, result.Status.State);
        Assert.Equal(InactiveReason.None, result.Status.Reason);
        Assert.Equal("", result.AlertId);
        Assert.Equal(serial, result.Pack.SerialNumber);
        Assert.Equal(Lot, result.Pack.Batch);
        Assert.Equal(Expiry, result.Pack.Expiry);
        Assert.StartsWith("TX-", result.SystemTransactionId);
    }

    public static TheoryData<string, Outcome, string, bool> Mismatches => new()
    {
        { "product unknown", Outcome.ProductUnknown, "NMVS_NC_PC_01", false },
        { "batch unknown", Outcome.BatchUnknown, "NMVS_FE_LOT_03", true },
        { "serial unknown", Outcome.SerialUnknown, "NMVS_NC_PC_02", true },
        { "expiry differs", Outcome.ExpiryMismatch, "NMVS_FE_LOT_12", true },
        { "serial in another batch", Outcome.BatchMismatch, "NMVS_FE_LOT_13", true },
    };

    [ServerTheory]
    [MemberData(nameof(Mismatches))]
    public async Task A_mismatching_scan_gets_its_precise_outcome_and_alert(string mismatch, Outcome expected, string nationalCode, bool alert)
    {
        var serial = await NewPackAsync(Server);
        var pack = mismatch switch
        {
            "product unknown" => Fields(serial, gtin: UnknownGtin),
            "batch unknown" => Fields(NewSerial(), lot: "NO-SUCH-LOT", expiry: Expiry),
            "serial unknown" => Fields(NewSerial()),
            "expiry differs" => Fields(serial, expiry: "491130"),
            _ => Fields(serial, lot: OtherLot),
        };

        foreach (var verify in new[] { true, false })
        {
            var result = verify
                ? (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = pack })).Result
                : (await Berlin.DecommissionAsync(new DecommissionRequest
                {
                    ClientTransactionId = NewTransactionId(), Pack = pack, Reason = DecommissionReason.Supplied,
                })).Result;

            Assert.Equal(expected, result.Outcome);
            Assert.Equal(nationalCode, result.NationalCode);
            Assert.Equal(alert, result.AlertId.Length > 0);
            Assert.Equal(new PackStatus(), result.Status);
            Assert.Equal(pack.Fields.Batch, result.Pack.Batch);
            Assert.Equal(pack.Fields.Expiry, result.Pack.Expiry);
        }
    }

    public static TheoryData<string, DecommissionReason, PackState> ReasonsByClient => new()
    {
        { DemoKeys.PharmacyBerlin, DecommissionReason.Supplied, PackState.Supplied },
        { DemoKeys.Hospital, DecommissionReason.Supplied, PackState.Supplied },
        { DemoKeys.Hospital, DecommissionReason.Destroyed, PackState.Destroyed },
        { DemoKeys.PharmacyBerlin, DecommissionReason.Locked, PackState.Locked },
        { DemoKeys.Wholesaler, DecommissionReason.Exported, PackState.Exported },
        { DemoKeys.Wholesaler, DecommissionReason.Sample, PackState.Sample },
        { DemoKeys.Wholesaler, DecommissionReason.CheckedOut, PackState.CheckedOut },
        { DemoKeys.MahAcme, DecommissionReason.FreeSample, PackState.FreeSample },
        { DemoKeys.MahAcme, DecommissionReason.Locked, PackState.Locked },
        { DemoKeys.MahAcme, DecommissionReason.Destroyed, PackState.Destroyed },
        { DemoKeys.MahAcme, DecommissionReason.Stolen, PackState.Stolen },
        { DemoKeys.Wholesaler, DecommissionReason.Destroyed, PackState.Destroyed },
        { DemoKeys.Wholesaler, DecommissionReason.Stolen, PackState.Stolen },
    };

    [ServerTheory]
    [MemberData(nameof(ReasonsByClient))]
    public async Task Every_reason_decommissions_and_reversible_ones_undo(string apiKey, DecommissionReason reason, PackState expected)
    {
        var serial = await NewPackAsync(Server);
        var client = Server.Packs(apiKey);

        var done = (await client.DecommissionAsync(new DecommissionRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason })).Result;
        Assert.Equal(Outcome.Success, done.Outcome);
        Assert.False(done.Status.Active);
        Assert.Equal(expected, done.Status.State);
        Assert.Equal(expected.ToString(), done.Status.Reason.ToString());

        var undone = (await client.UndoAsync(new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason })).Result;
        var irreversible = reason is DecommissionReason.Destroyed or DecommissionReason.Stolen;
        Assert.Equal(irreversible ? Outcome.UndoIrreversible : Outcome.Success, undone.Outcome);
        Assert.Equal(!irreversible, undone.Status.Active);
    }

    [ServerFact]
    public async Task A_double_scan_by_the_same_pharmacy_is_counted_not_alerted()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var again = await Supply(Berlin, serial);
        var third = await Supply(Berlin, serial);

        Assert.Equal(Outcome.AlreadyInState, again.Outcome);
        Assert.Equal("NMVS_NC_PCK_19", again.NationalCode);
        Assert.Equal(1, again.RepeatCount);
        Assert.Equal(2, third.RepeatCount);
        Assert.Equal("", third.AlertId);
    }

    [ServerFact]
    public async Task A_pack_supplied_elsewhere_is_already_inactive_with_an_alert()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var result = await Supply(Munich, serial);

        Assert.Equal(Outcome.AlreadyInactive, result.Outcome);
        Assert.Equal("NMVS_NC_PCK_22", result.NationalCode);
        Assert.StartsWith("ALT-", result.AlertId);
        Assert.Equal(InactiveReason.Supplied, result.Status.Reason);
    }

    [ServerFact]
    public async Task Verify_of_a_supplied_pack_reports_its_state_without_an_alert()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var result = (await Munich.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;

        Assert.Equal(Outcome.Success, result.Outcome);
        Assert.False(result.Status.Active);
        Assert.Equal(InactiveReason.Supplied, result.Status.Reason);
        Assert.Equal("", result.AlertId);
    }

    [ServerTheory]
    [InlineData(RecalledLot, Outcome.BatchRecalled, "NMVS_FE_LOT_01", InactiveReason.Recalled)]
    [InlineData(ExpiredLot, Outcome.PackExpired, "NMVS_NC_PCK_02", InactiveReason.Expired)]
    public async Task Recalled_and_expired_packs_answer_so_without_an_alert(string lot, Outcome expected, string nationalCode, InactiveReason reason)
    {
        var serial = await NewPackAsync(Server, lot);

        var verify = (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial, lot) })).Result;
        var supply = await Supply(Berlin, serial, lot);

        foreach (var result in new[] { verify, supply })
        {
            Assert.Equal(expected, result.Outcome);
            Assert.Equal(nationalCode, result.NationalCode);
            Assert.Equal(reason, result.Status.Reason);
            Assert.Equal("", result.AlertId);
        }
    }

    [ServerFact]
    public async Task A_recall_after_a_cached_answer_is_seen_at_once()
    {
        var lot = "LOT-" + NewSerial();
        var batchId = Random.Shared.NextInt64(1_000, long.MaxValue / 2);
        var serial = NewSerial();
        await Server.SeedAsync(
            "INSERT INTO batches (id, product_id, batch, expiry, created_at) VALUES (@batchId, 1, @lot, @Expiry, 0);"
            + "INSERT INTO packs (product_id, serial, batch_id) VALUES (1, @serial, @batchId);",
            new { batchId, lot, Expiry, serial });
        var pack = Fields(serial, lot, Expiry);
        Assert.True((await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = pack })).Result.Status.Active);

        await new MasterDataService.MasterDataServiceClient(Server.Invoker(DemoKeys.MahAcme))
            .RecallBatchAsync(new RecallBatchRequest { ProductCode = Gtin, Batch = lot, Reason = "test" });
        var result = (await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = pack })).Result;

        Assert.Equal(Outcome.BatchRecalled, result.Outcome);
        Assert.Equal(InactiveReason.Recalled, result.Status.Reason);
        Assert.Equal("", result.AlertId);
    }

    [ServerFact]
    public async Task A_withdrawn_product_answers_withdrawn_without_an_alert()
    {
        var serial = NewSerial();
        await Server.SeedAsync("INSERT INTO packs (product_id, serial, batch_id) VALUES (2, @serial, 20)", new { serial });

        var result = await Supply(Berlin, serial, WithdrawnLot, WithdrawnGtin);

        Assert.Equal(Outcome.ProductWithdrawn, result.Outcome);
        Assert.Equal("NMVS_FE_LOT_08", result.NationalCode);
        Assert.Equal("", result.AlertId);
    }

    [ServerFact]
    public async Task An_undo_naming_another_state_is_refused_with_an_alert()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var result = (await Berlin.UndoAsync(new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Locked })).Result;

        Assert.Equal(Outcome.UndoStateMismatch, result.Outcome);
        Assert.Equal("NMVS_NC_PCK_06", result.NationalCode);
        Assert.StartsWith("ALT-", result.AlertId);
    }

    [ServerFact]
    public async Task An_undo_from_another_pharmacy_is_refused()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var result = (await Munich.UndoAsync(new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied })).Result;

        Assert.Equal(Outcome.UndoOtherLocation, result.Outcome);
        Assert.Equal("NMVS_NC_PCK_21", result.NationalCode);
        Assert.False(result.Status.Active);
    }

    [ServerFact]
    public async Task An_undo_after_the_batch_was_recalled_is_refused_without_an_alert()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);
        await Server.SeedAsync("UPDATE packs SET batch_id = 12 WHERE serial = @serial", new { serial }); // now in the recalled batch

        var result = (await Berlin.UndoAsync(new UndoRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial, RecalledLot), Reason = DecommissionReason.Supplied,
        })).Result;

        Assert.Equal(Outcome.BatchRecalled, result.Outcome);
        Assert.Equal("", result.AlertId);
        Assert.Equal(PackState.Supplied, result.Status.State);
    }

    [ServerFact]
    public async Task An_undo_of_an_active_pack_has_nothing_to_reverse()
    {
        var serial = await NewPackAsync(Server);

        var result = (await Berlin.UndoAsync(new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied })).Result;

        Assert.Equal(Outcome.NotDecommissioned, result.Outcome);
    }

    [ServerFact]
    public async Task A_retry_with_the_same_transaction_id_gets_the_original_answer()
    {
        var serial = await NewPackAsync(Server);
        var request = new DecommissionRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied };

        var first = (await Berlin.DecommissionAsync(request)).Result;
        var retry = (await Berlin.DecommissionAsync(request)).Result;

        Assert.Equal(Outcome.Success, retry.Outcome);
        Assert.Equal(first, retry);
        Assert.Equal("", retry.AlertId);
    }

    [ServerFact]
    public async Task A_retried_alerting_request_returns_the_same_alert_and_raises_no_second()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);
        var request = new DecommissionRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied };

        var first = (await Munich.DecommissionAsync(request)).Result;
        await Supply(Berlin, serial); // the pack moves on meanwhile
        var retry = (await Munich.DecommissionAsync(request)).Result;

        Assert.Equal(Outcome.AlreadyInactive, first.Outcome);
        Assert.Equal(first, retry);
        var munichAlerts = (await Server.Alerts(DemoKeys.PharmacyMunich).ListAlertsAsync(new ListAlertsRequest { PageSize = 1000 })).Alerts;
        Assert.Single(munichAlerts, a => a.Pack.SerialNumber == serial);
    }

    [ServerFact]
    public async Task A_double_scan_beyond_the_tolerance_is_alerted()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);

        var repeats = new List<PackResult>();
        for (var i = 0; i < 4; i++) repeats.Add(await Supply(Berlin, serial));

        Assert.All(repeats, r => Assert.Equal(Outcome.AlreadyInState, r.Outcome));
        Assert.All(repeats.Take(3), r => Assert.Equal("", r.AlertId));
        Assert.StartsWith("ALT-", repeats[3].AlertId);
        Assert.Equal(4, repeats[3].RepeatCount);
    }

    [ServerFact]
    public async Task Pack_fields_get_the_scans_checks_instead_of_raising_false_alerts()
    {
        var serial = await NewPackAsync(Server);
        var cases = new (PackIdentifier Pack, string Code)[]
        {
            (Fields(serial, expiry: "30AB31"), "INVALID_DATE"),
            (Fields(serial, gtin: "04150123456781"), "GTIN_CHECK_DIGIT"),
            (Fields("a b<>"), "INVALID_CHARACTER"),
        };

        foreach (var (pack, code) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = pack }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains(code, error.Trailers.GetValue("verifier-scan-problems"));
        }
    }

    [ServerFact]
    public async Task A_pack_photo_is_decoded_parsed_and_answered_with_what_was_read()
    {
        var serial = await NewPackAsync(Server);
        var elementString = $"01{Gtin}17{Expiry}10{Lot}\u001d21{serial}";
        var photo = Imaging.DataMatrixRenderer.RenderPng(elementString, gs1: true, moduleSize: 4);

        var result = (await Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = new PackIdentifier { Image = Google.Protobuf.ByteString.CopyFrom(photo) },
        })).Result;

        Assert.Equal(Outcome.Success, result.Outcome);
        Assert.Equal(serial, result.Pack.SerialNumber);
        Assert.Equal("]d2" + elementString, result.DecodedScan);
    }

    [ServerFact]
    public async Task A_photo_over_the_size_limit_is_refused_with_its_code_not_a_transport_error()
    {
        var tooLarge = new byte[Imaging.DecodeLimits.Default.MaxBytes + 1];

        var error = await Assert.ThrowsAsync<RpcException>(() => Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = new PackIdentifier { Image = Google.Protobuf.ByteString.CopyFrom(tooLarge) },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("TOO_MANY_BYTES@-1", error.Trailers.GetValue("verifier-scan-problems"));
    }

    [ServerFact]
    public async Task A_transaction_id_reused_for_another_request_is_refused()
    {
        var serial = await NewPackAsync(Server);
        var id = NewTransactionId();
        await Berlin.VerifyAsync(new VerifyRequest { ClientTransactionId = id, Pack = Fields(serial) });

        var result = (await Berlin.DecommissionAsync(new DecommissionRequest { ClientTransactionId = id, Pack = Fields(serial), Reason = DecommissionReason.Supplied })).Result;

        Assert.Equal(Outcome.TransactionIdReused, result.Outcome);
        Assert.Equal("NMVS_TE_TX_01", result.NationalCode);
        Assert.Equal(id, result.ClientTransactionId);
        Assert.True(result.Status.Active);
    }

    [ServerFact]
    public async Task Sixty_four_concurrent_decommissions_of_one_pack_succeed_exactly_once()
    {
        var serial = await NewPackAsync(Server);
        var clients = new[] { Berlin, Munich };

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Supply(clients[i % 2], serial)));

        Assert.Single(results, r => r.Outcome == Outcome.Success);
        Assert.All(results.Where(r => r.Outcome != Outcome.Success),
            r => Assert.Contains(r.Outcome, new[] { Outcome.AlreadyInactive, Outcome.AlreadyInState }));
        Assert.Contains(results, r => r.Outcome == Outcome.AlreadyInactive);
    }

    [ServerFact]
    public async Task A_reported_suspect_pack_is_locked_and_alerted()
    {
        var serial = await NewPackAsync(Server);

        var result = (await Berlin.FlagSuspectAsync(new FlagSuspectRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Description = "Seal broken, print blurred",
        })).Result;

        Assert.Equal(Outcome.Success, result.Outcome);
        Assert.Equal(PackState.Locked, result.Status.State);
        var alert = (await Server.Alerts(DemoKeys.Operator).GetAlertAsync(new GetAlertRequest { AlertId = result.AlertId })).Alert;
        Assert.Equal(AlertKind.Reported, alert.Kind);
        Assert.Equal(AlertStatus.New, alert.Status);
        Assert.Equal("Seal broken, print blurred", alert.Note);
    }

    [ServerFact]
    public async Task A_reported_pack_stays_locked_until_the_operator_lifts_it()
    {
        var serial = await NewPackAsync(Server);
        await Berlin.FlagSuspectAsync(new FlagSuspectRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Description = "odd print" });
        var undo = new UndoRequest { Pack = Fields(serial), Reason = DecommissionReason.Locked };

        undo.ClientTransactionId = NewTransactionId();
        var byReporter = (await Berlin.UndoAsync(undo)).Result;
        undo.ClientTransactionId = NewTransactionId();
        var byOperator = (await Server.Packs(DemoKeys.Operator).UndoAsync(undo)).Result;

        Assert.Equal(Outcome.UndoOtherLocation, byReporter.Outcome);
        Assert.Equal(Outcome.Success, byOperator.Outcome);
        Assert.True(byOperator.Status.Active);
    }

    [ServerFact]
    public async Task A_caps_lock_scan_is_answered_precisely_with_a_hint_towards_the_real_pack()
    {
        var serial = await NewPackAsync(Server);
        var capsLocked = Scan(serial).Scan.ToLowerInvariant();

        var result = (await Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = new PackIdentifier { Scan = capsLocked },
        })).Result;

        Assert.Equal(Outcome.BatchUnknown, result.Outcome);
        var hint = Assert.Single(result.ScanHints, h => h.Code == "CAPS_LOCK_INVERTED");
        Assert.Equal(Scan(serial).Scan, hint.SuggestedReading);
    }

    [ServerFact]
    public async Task A_malformed_scan_is_invalid_argument_with_problem_codes()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Berlin.VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = new PackIdentifier { Scan = "hello world" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.Trailers.GetValue("verifier-scan-problems")));
    }

    [ServerFact]
    public async Task A_request_without_transaction_id_or_reason_is_invalid()
    {
        var serial = await NewPackAsync(Server);

        var noId = await Assert.ThrowsAsync<RpcException>(() => Berlin.VerifyAsync(new VerifyRequest { Pack = Fields(serial) }).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noId.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
    }

    [ServerFact]
    public async Task Calls_without_a_valid_key_are_unauthenticated()
    {
        var none = new PackService.PackServiceClient(Server.Invoker(null));
        var wrong = Server.Packs("not-a-key");

        foreach (var client in new[] { none, wrong })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.VerifyAsync(new VerifyRequest
            {
                ClientTransactionId = NewTransactionId(), Pack = Fields(NewSerial()),
            }).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }
    }

    [ServerFact]
    public async Task A_mah_cannot_dispense_and_a_pharmacy_cannot_export()
    {
        var serial = await NewPackAsync(Server);

        var mah = await Assert.ThrowsAsync<RpcException>(() => Server.Packs(DemoKeys.MahAcme).DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
        }).ResponseAsync);
        var pharmacy = await Assert.ThrowsAsync<RpcException>(() => Berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Exported,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, mah.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, pharmacy.StatusCode);
    }

    [ServerFact]
    public async Task A_mah_cannot_set_states_of_another_mahs_packs()
    {
        var serial = await NewPackAsync(Server);

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Packs(DemoKeys.MahGlobex).DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Stolen,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [ServerFact]
    public async Task A_refused_request_is_in_the_audit_trail()
    {
        var serial = await NewPackAsync(Server);
        await Assert.ThrowsAsync<RpcException>(() => Berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Exported,
        }).ResponseAsync);

        var entries = (await Server.Packs(DemoKeys.Operator).PackHistoryAsync(new PackHistoryRequest { Pack = Fields(serial) })).Entries;

        var refused = Assert.Single(entries);
        Assert.Equal("decommission", refused.Operation);
        Assert.Equal(Outcome.Unspecified, refused.Outcome);
        Assert.Equal("pharmacy-berlin", refused.ClientId);
    }

    [ServerFact]
    public async Task Pack_history_shows_a_pharmacy_its_own_entries_and_the_mah_all()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);
        await Supply(Munich, serial);

        var history = new PackHistoryRequest { Pack = Fields(serial) };
        var own = (await Munich.PackHistoryAsync(history)).Entries;
        var all = (await Server.Packs(DemoKeys.MahAcme).PackHistoryAsync(history)).Entries;
        var other = (await Server.Packs(DemoKeys.MahGlobex).PackHistoryAsync(history)).Entries;
        var everything = (await Server.Packs(DemoKeys.Operator).PackHistoryAsync(history)).Entries;

        Assert.Single(own);
        Assert.Equal("pharmacy-munich", own[0].ClientId);
        Assert.Equal(2, all.Count);
        // The MAH sees its pack's life cycle, not who the pharmacies were (DR Art 38).
        Assert.All(all, e => Assert.Equal("", e.ClientId));
        Assert.Equal(["pharmacy-munich", "pharmacy-berlin"], everything.Select(e => e.ClientId));
        Assert.Equal("decommission:supplied", all[0].Operation);
        Assert.Equal(PackState.Active, all[1].StateBefore);
        Assert.Equal(PackState.Supplied, all[1].StateAfter);
        Assert.Empty(other);
    }

    [ServerFact]
    public async Task Alerts_are_listed_to_their_client_and_investigated_by_operators()
    {
        var serial = await NewPackAsync(Server);
        await Supply(Berlin, serial);
        var alertId = (await Supply(Munich, serial)).AlertId;

        var munich = (await Server.Alerts(DemoKeys.PharmacyMunich).ListAlertsAsync(new ListAlertsRequest { PageSize = 1000 })).Alerts;
        var berlin = (await Server.Alerts(DemoKeys.PharmacyBerlin).ListAlertsAsync(new ListAlertsRequest { PageSize = 1000 })).Alerts;
        Assert.Contains(munich, a => a.AlertId == alertId);
        Assert.DoesNotContain(berlin, a => a.AlertId == alertId);

        var operatorAlerts = Server.Alerts(DemoKeys.Operator);
        await operatorAlerts.UpdateAlertAsync(new UpdateAlertRequest { AlertId = alertId, Status = AlertStatus.UnderInvestigation });
        var noClass = await Assert.ThrowsAsync<RpcException>(() =>
            operatorAlerts.UpdateAlertAsync(new UpdateAlertRequest { AlertId = alertId, Status = AlertStatus.Closed }).ResponseAsync);
        var closed = (await operatorAlerts.UpdateAlertAsync(new UpdateAlertRequest
        {
            AlertId = alertId, Status = AlertStatus.Closed, Classification = AlertClassification.ProceduralError, Note = "double dispense",
        })).Alert;
        var reopen = await Assert.ThrowsAsync<RpcException>(() =>
            operatorAlerts.UpdateAlertAsync(new UpdateAlertRequest { AlertId = alertId, Status = AlertStatus.UnderInvestigation }).ResponseAsync);
        var pharmacyUpdate = await Assert.ThrowsAsync<RpcException>(() => Server.Alerts(DemoKeys.PharmacyMunich)
            .UpdateAlertAsync(new UpdateAlertRequest { AlertId = alertId, Status = AlertStatus.Escalated }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noClass.StatusCode);
        Assert.Equal(AlertStatus.Closed, closed.Status);
        Assert.Equal(AlertClassification.ProceduralError, closed.Classification);
        Assert.Equal(StatusCode.FailedPrecondition, reopen.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, pharmacyUpdate.StatusCode);
        var trail = (await Server.Packs(DemoKeys.Operator).PackHistoryAsync(new PackHistoryRequest { Pack = Fields(serial) })).Entries;
        Assert.Equal(["alert:closed", "alert:under-investigation"], trail.Where(e => e.Operation.StartsWith("alert:")).Select(e => e.Operation));
        var notTheirs = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Alerts(DemoKeys.PharmacyBerlin).GetAlertAsync(new GetAlertRequest { AlertId = alertId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notTheirs.StatusCode);
    }

    protected static async Task<PackResult> Supply(PackService.PackServiceClient client, string serial, string lot = Lot, string gtin = Gtin) =>
        (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial, lot, gtin: gtin), Reason = DecommissionReason.Supplied,
        })).Result;
}

public sealed class PackFlowWithoutCacheTests(NoCacheFixture fixture) : PackFlowTests<NoCacheFixture>(fixture);

public sealed class PackFlowWithEmbeddedGarnetTests(EmbeddedGarnetFixture fixture) : PackFlowTests<EmbeddedGarnetFixture>(fixture);

public sealed class PackFlowWithRedisServerTests(RedisServerFixture fixture) : PackFlowTests<RedisServerFixture>(fixture), INeedsRedisServer;
