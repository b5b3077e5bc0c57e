namespace Verifier.Server;

/// <summary>Page sizes of the list RPCs, as their protos document them.</summary>
internal static class Paging
{
    public const int Default = 100;
    public const int Max = 1000;

    /// <summary>0 or less: the default; more than the maximum: the maximum.</summary>
    public static int Size(int requested) => requested <= 0 ? Default : Math.Min(requested, Max);
}
