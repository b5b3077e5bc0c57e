namespace Verifier.Imaging.Tests;

/// <summary>A theory that needs Debian's ZXingWriter (zxing-cpp-tools), an encoder independent of ours; skipped with the reason when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ZXingWriterTheoryAttribute : TheoryAttribute
{
    public const string Path = "/usr/bin/ZXingWriter";

    public ZXingWriterTheoryAttribute()
    {
        if (!File.Exists(Path)) Skip = "ZXingWriter is not installed (apt-get install zxing-cpp-tools); independent round trip skipped";
    }
}
