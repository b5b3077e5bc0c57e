namespace Verifier.Core.Alerts;

/// <summary>Raised by the system on a mismatching scan, or reported by a user.</summary>
public enum AlertKind
{
    System = 1,
    Reported = 2,
}

/// <summary>The life cycle of an alert in the EMVO alert management system.</summary>
public enum AlertStatus
{
    New = 1,
    UnderInvestigation = 2,
    Escalated = 3,
    Closed = 4,
}

public enum AlertClassification
{
    TechnicalError = 1,
    ProceduralError = 2,
    ConfirmedFalsification = 3,
}

/// <summary>Which status changes an investigation may make; a closed alert stays closed.</summary>
public static class AlertLifecycle
{
    public static bool CanMove(AlertStatus from, AlertStatus to) => (from, to) switch
    {
        (AlertStatus.New, AlertStatus.UnderInvestigation or AlertStatus.Escalated or AlertStatus.Closed) => true,
        (AlertStatus.UnderInvestigation, AlertStatus.Escalated or AlertStatus.Closed) => true,
        (AlertStatus.Escalated, AlertStatus.UnderInvestigation or AlertStatus.Closed) => true,
        _ => false,
    };

    /// <summary>Closing is the moment the investigation concludes, so it must say what it concluded.</summary>
    public static bool NeedsClassification(AlertStatus to) => to == AlertStatus.Closed;
}
