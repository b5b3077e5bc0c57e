using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Verifier.Core.Access;
using Verifier.Core.Alerts;
using Verifier.Server.Auditing;
using Verifier.Server.Identity;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.Alerts;

/// <summary>Alerts: a client sees its own, operators see and investigate all.</summary>
internal sealed class AlertGrpcService(IAlertStore alerts, OperationAudit audit, TimeProvider clock) : V1.AlertService.AlertServiceBase
{
    private const int MaxNoteLength = 1000;

    public override async Task<V1.ListAlertsResponse> ListAlerts(V1.ListAlertsRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ListAlerts);
        var limit = Paging.Size(request.PageSize);
        if (!System.Enum.IsDefined(request.Status)) throw Invalid("status is not an AlertStatus value.");
        AlertStatus? status = request.Status == V1.AlertStatus.Unspecified ? null : (AlertStatus)(int)request.Status;
        var page = await alerts.ListAsync(
            OwnFilter(caller), status, string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken, limit, context.CancellationToken);
        var response = new V1.ListAlertsResponse { NextPageToken = page.Count == limit ? page[^1].AlertId : "" };
        response.Alerts.AddRange(page.Select(ToWire));
        return response;
    }

    public override async Task<V1.GetAlertResponse> GetAlert(V1.GetAlertRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.ListAlerts);
        return new() { Alert = ToWire(await Find(request.AlertId, caller, context.CancellationToken)) };
    }

    public override async Task<V1.UpdateAlertResponse> UpdateAlert(V1.UpdateAlertRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        caller.Demand(Operation.UpdateAlert);
        if (request.Status == V1.AlertStatus.Unspecified || !System.Enum.IsDefined(request.Status)) throw Invalid("status is required.");
        if (!System.Enum.IsDefined(request.Classification)) throw Invalid("classification is not an AlertClassification value.");
        if (request.Note.Length > MaxNoteLength) throw Invalid($"note is longer than {MaxNoteLength} characters.");
        var to = (AlertStatus)(int)request.Status;
        AlertClassification? classification = request.Classification == V1.AlertClassification.Unspecified
            ? null : (AlertClassification)(int)request.Classification;
        // The classification is the investigation's conclusion: given exactly when closing.
        if (AlertLifecycle.NeedsClassification(to) != classification is not null)
        {
            throw Invalid(classification is null ? "Closing an alert needs a classification." : "A classification is given only when closing.");
        }
        var alert = await Find(request.AlertId, caller, context.CancellationToken);
        if (!AlertLifecycle.CanMove(alert.Status, to))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"An alert in status {alert.Status} cannot move to {to}."));
        }
        var note = string.IsNullOrEmpty(request.Note) ? null : request.Note;
        var at = clock.GetUtcNow();
        if (!await alerts.UpdateAsync(alert.AlertId, alert.Status, to, classification, note, at, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.Aborted, "The alert changed meanwhile; read it again."));
        }
        // The alert keeps only its latest note; the trail keeps every step of the investigation.
        await audit.RecordAsync(caller, "alert:" + StepName(to), alert.ProductCode, alert.SerialNumber, alert.Batch, alert.Expiry, alert.AlertId,
            $"{alert.Status} -> {to}" + (classification is { } c ? $" ({c})" : "") + (note is null ? "" : $": {note}"), context.CancellationToken);
        return new() { Alert = ToWire(await Find(request.AlertId, caller, context.CancellationToken)) };
    }

    private async Task<AlertRecord> Find(string alertId, Caller caller, CancellationToken cancellationToken)
    {
        var alert = await alerts.GetAsync(alertId, cancellationToken);
        // Another client's alert is reported as absent, not forbidden: its existence is not ours to reveal.
        if (alert is null || (OwnFilter(caller) is { } own && alert.ClientId != own))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No alert {alertId}."));
        }
        return alert;
    }

    private static string StepName(AlertStatus status) => status switch
    {
        AlertStatus.UnderInvestigation => "under-investigation",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static string? OwnFilter(Caller caller) => caller.Role == ClientRole.Operator ? null : caller.ClientId;

    private static V1.Alert ToWire(AlertRecord alert) => new()
    {
        AlertId = alert.AlertId,
        CreatedAt = Timestamp.FromDateTimeOffset(alert.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(alert.UpdatedAt),
        ClientId = alert.ClientId,
        LocationId = alert.LocationId,
        Pack = new V1.PackFields
        {
            ProductCode = alert.ProductCode ?? "",
            SerialNumber = alert.SerialNumber ?? "",
            Batch = alert.Batch ?? "",
            Expiry = alert.Expiry ?? "",
        },
        Outcome = (V1.Outcome)(int)alert.Outcome,
        Kind = (V1.AlertKind)(int)alert.Kind,
        Status = (V1.AlertStatus)(int)alert.Status,
        Classification = (V1.AlertClassification)(int)(alert.Classification ?? 0),
        SystemTransactionId = alert.SystemTransactionId,
        Note = alert.Note ?? "",
    };
}
