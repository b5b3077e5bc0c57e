using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verifier.Cli.Offline;

/// <summary>
/// The durable local queue of pack operations performed while the server was unreachable (DR Art 29):
/// a text file of JSON lines that is only ever appended to, each line fsynced before the user is told.
/// <list type="bullet">
/// <item>An operation: <c>{"kind":"decommission","key":"&lt;API key hash&gt;","request":{...}}</c>, the request in the proto's JSON
/// mapping with its client transaction id and performed time.</item>
/// <item>A replayed one: <c>{"replayed":"&lt;client transaction id&gt;","outcome":"SUCCESS"}</c>, appended once
/// the server answered it; an operation with such a line is never sent again.</item>
/// </list>
/// A crash mid-write leaves a torn line; reading ignores every line that is not a complete entry (its
/// operation was never reported as queued), and the next append first ends it with a newline. A crash
/// between an answer and its marker only means the operation is sent again under its own client
/// transaction id, and the server answers it from its audit trail: nothing is applied twice.
/// After a replay the file is compacted (answered entries dropped) by writing a new file and renaming it
/// over the old one; were the rename lost in a crash, the old file still holds its markers. A new file's
/// directory entry is flushed too (<see cref="DirectorySync"/>), or a power cut could lose the whole file.
/// Every read and write holds an exclusive lock on FILE.lock, so commands on one terminal never interleave.
/// </summary>
internal sealed class OfflineQueue(string path)
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(10);

    public string Path => path;

    public QueueContents Read()
    {
        if (!File.Exists(path)) return new QueueContents([], 0, []);
        using var held = Lock();
        return ReadUnlocked();
    }

    public void Append(QueuedOperation operation) => AppendLine(operation.ToJson());

    public void MarkReplayed(string clientTransactionId, string outcome) =>
        AppendLine(new JsonObject { ["replayed"] = clientTransactionId, ["outcome"] = outcome });

    /// <summary>Rewrites the file with only its unanswered operations (also those appended meanwhile by another command).</summary>
    public void Compact()
    {
        using var held = Lock();
        var contents = ReadUnlocked();
        if (contents.Replayed == 0 && contents.TornLines.Count == 0) return;
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var operation in contents.Pending) file.Write(Line(operation.ToJson()));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(path);
    }

    private void AppendLine(JsonObject entry)
    {
        using var held = Lock();
        var created = !File.Exists(path);
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (file.Length > 0)
        {
            // A torn last line (a crash mid-write) is ended, so this entry starts on a line of its own.
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n') file.WriteByte((byte)'\n');
        }
        file.Seek(0, SeekOrigin.End);
        file.Write(Line(entry));
        file.Flush(flushToDisk: true);
        if (created) DirectorySync.Flush(path);
    }

    private QueueContents ReadUnlocked()
    {
        if (!File.Exists(path)) return new QueueContents([], 0, []);
        var operations = new List<QueuedOperation>();
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        var torn = new List<int>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0) continue;
            switch (TryRead(line))
            {
                case QueuedOperation operation: operations.Add(operation); break;
                case string answered: replayed.Add(answered); break;
                default: torn.Add(number); break;
            }
        }
        var pending = operations.Where(o => !replayed.Contains(o.ClientTransactionId)).ToList();
        return new QueueContents(pending, operations.Count - pending.Count, torn);
    }

    /// <summary>An operation, the client transaction id of a replayed marker, or null for anything else (a torn line).</summary>
    private static object? TryRead(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject entry) return null;
            return entry["replayed"] is { } answered ? answered.GetValue<string>() : QueuedOperation.FromJson(entry);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException
            or Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static byte[] Line(JsonObject entry) => Encoding.UTF8.GetBytes(entry.ToJsonString() + "\n");

    /// <summary>An exclusive lock (flock on Unix) on FILE.lock; a command holding it briefly is waited for.</summary>
    private FileStream Lock()
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < LockPatience)
            {
                Thread.Sleep(20);
            }
        }
    }
}

/// <summary>A queue as read: the operations still to send (in the order performed), how many were answered, the torn lines ignored.</summary>
internal sealed record QueueContents(IReadOnlyList<QueuedOperation> Pending, int Replayed, IReadOnlyList<int> TornLines);
