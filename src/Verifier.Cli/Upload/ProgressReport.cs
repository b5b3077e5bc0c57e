using System.Diagnostics;

namespace Verifier.Cli.Upload;

/// <summary>
/// Progress on stderr: a redrawn bar with percent, serials/s and ETA when stderr is a terminal;
/// a plain line every few seconds otherwise (logs and CI keep readable output).
/// </summary>
internal sealed class ProgressReport(TextWriter error, string unit, long total, bool interactive)
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _lastShown = TimeSpan.Zero;
    private long _done;

    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    public long Done => _done;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public void Add(long count)
    {
        _done += count;
        var elapsed = Elapsed;
        if (elapsed - _lastShown < (interactive ? TerminalInterval : LogInterval)) return;
        _lastShown = elapsed;
        Show(elapsed, final: false);
    }

    public void Finish() => Show(Elapsed, final: true);

    private void Show(TimeSpan elapsed, bool final)
    {
        var rate = elapsed.TotalSeconds > 0 ? _done / elapsed.TotalSeconds : 0;
        var fraction = total > 0 ? Math.Min(1.0, (double)_done / total) : 0;
        var eta = rate > 0 && total > _done ? TimeSpan.FromSeconds((total - _done) / rate) : TimeSpan.Zero;
        var figures = $"{fraction * 100,5:F1}% {_done:N0}/{total:N0} {unit} {rate:N0} {unit}/s ETA {eta:hh\\:mm\\:ss}";
        if (interactive)
        {
            const int width = 30;
            var filled = (int)(fraction * width);
            error.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {figures}   ");
            if (final) error.WriteLine();
        }
        else
        {
            error.WriteLine(final ? $"done: {_done:N0} {unit} in {elapsed:hh\\:mm\\:ss} ({rate:N0} {unit}/s)" : figures);
        }
    }
}
