namespace Verifier.Imaging.Tests;

/// <summary>A fact over ../shared/corpus/datamatrix, skipped with the reason when that folder is absent (xunit 2 decides skips at construction).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (DataMatrixCorpus.Locate() is null) Skip = "../shared/corpus/datamatrix is absent (it sits beside the repository); corpus test skipped";
    }
}
