using System.Runtime.InteropServices;

namespace Verifier.Cli.Offline;

/// <summary>
/// A file just created, or renamed into place, survives a power cut only once its directory entry is on
/// disk too: on POSIX systems that takes an fsync of the directory, which .NET does not offer (Windows
/// journals the entry with the file).
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string file)
    {
        if (OperatingSystem.IsWindows()) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0) throw new IOException($"Cannot open {directory} to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(descriptor) != 0) throw new IOException($"Cannot flush {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);
}
