using System.Text;
using Dapper;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// packs.serial is varchar(20): a parameter must be varchar too, or SQL Server converts the column
/// of every row it compares and a seek over billions of rows becomes a scan.
/// </summary>
internal static class SqlServerSerial
{
    public const int MaxLength = 20;

    /// <summary>
    /// Uploads store only GS1 character set 82 (ASCII) serials of at most 20 characters. Any other
    /// scanned serial cannot be stored, so it becomes NULL, which matches no pack, rather than
    /// being narrowed to a code page (a non-ASCII letter would become '?') and matching another.
    /// </summary>
    public static DbString Parameter(string serial) => new()
    {
        Value = IsStorable(serial) ? serial : null,
        IsAnsi = true,
        IsFixedLength = false,
        Length = MaxLength,
    };

    public static bool IsStorable(string serial) => serial.Length <= MaxLength && Ascii.IsValid(serial);
}
