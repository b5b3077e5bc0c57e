namespace Verifier.Storage;

/// <summary>
/// The serials of an upload found already stored, by index into the upload's arrays: all counted,
/// only the first <c>keep</c> by position remembered, in a bounded heap whose top is the latest kept.
/// </summary>
internal sealed class FoundSerials(IReadOnlyList<long> positions, int keep)
{
    // PriorityQueue dequeues the smallest priority first; negated positions put the latest on top.
    private readonly PriorityQueue<int, long> _first = new();

    public long Count { get; private set; }

    public void Add(int index)
    {
        Count++;
        var position = positions[index];
        if (_first.Count < keep) _first.Enqueue(index, -position);
        else if (_first.TryPeek(out _, out var latest) && position < -latest) _first.DequeueEnqueue(index, -position);
    }

    public long Position(int index) => positions[index];

    /// <summary>The indexes kept, in position order.</summary>
    public IEnumerable<int> First() => _first.UnorderedItems.Select(item => item.Element).OrderBy(index => positions[index]);
}
