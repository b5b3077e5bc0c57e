using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>Two views with equal stamps give equal decisions: the stamp changes with every part's version.</summary>
public sealed class ViewStampTests
{
    private static readonly PackView View = Given.ActivePack().Identity(IdentityCase.SerialUnderAnotherBatch).Build();

    public static TheoryData<string, PackView> EveryPartBumped => new()
    {
        { "product", View with { Product = View.Product! with { Version = View.Product.Version + 1 } } },
        { "scanned batch", View with { ScannedBatch = View.ScannedBatch! with { Version = View.ScannedBatch.Version + 1 } } },
        { "pack", View with { Pack = View.Pack! with { Version = View.Pack.Version + 1 } } },
        { "pack batch", View with { PackBatch = View.PackBatch! with { Version = View.PackBatch.Version + 1 } } },
        { "product missing", View with { Product = null } },
        { "scanned batch missing", View with { ScannedBatch = null } },
        { "pack missing", View with { Pack = null } },
        { "pack batch missing", View with { PackBatch = null } },
    };

    [Theory]
    [MemberData(nameof(EveryPartBumped))]
    public void The_stamp_changes_when_any_part_changes(string part, PackView changed)
    {
        Assert.NotEqual(View.Stamp, changed.Stamp);
        Assert.False(View.Stamp == changed.Stamp, part);
    }

    [Fact]
    public void The_stamp_holds_each_parts_version_in_order()
    {
        Assert.Equal(new ViewStamp(Product: 11, ScannedBatch: 21, Pack: 31, PackBatch: 41), View.Stamp);
    }

    [Fact]
    public void Equal_versions_give_equal_stamps()
    {
        var reread = Given.ActivePack().Identity(IdentityCase.SerialUnderAnotherBatch).Build();

        Assert.Equal(View.Stamp, reread.Stamp);
        Assert.True(View.Stamp == reread.Stamp);
    }

    [Fact]
    public void Missing_parts_stamp_as_minus_one()
    {
        Assert.Equal(new ViewStamp(-1, -1, -1, -1), PackView.Unknown.Stamp);
        Assert.Equal(new ViewStamp(11, -1, -1, -1), Given.ActivePack().Identity(IdentityCase.BatchAndSerialUnknown).Build().Stamp);
        Assert.Equal(new ViewStamp(11, 21, -1, -1), Given.ActivePack().Identity(IdentityCase.SerialUnknown).Build().Stamp);
    }

    [Fact]
    public void Versions_swapped_between_parts_give_another_stamp()
    {
        Assert.NotEqual(new ViewStamp(1, 2, 3, 4), new ViewStamp(2, 1, 3, 4));
        Assert.NotEqual(new ViewStamp(1, 2, 3, 4), new ViewStamp(1, 2, 4, 3));
        Assert.NotEqual(new ViewStamp(1, 2, 3, 4), new ViewStamp(3, 2, 1, 4));
    }
}
