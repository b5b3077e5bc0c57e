using Verifier.Core.Identification;

namespace Verifier.Core.Tests.Identification;

public sealed class Cset82Tests
{
    [Fact]
    public void Contains_exactly_82_characters()
    {
        var members = Enumerable.Range(0, 0x10000).Count(c => Cset82.Contains((char)c));
        Assert.Equal(82, members);
    }

    [Theory]
    [InlineData("ABC123")]
    [InlineData("abcxyz")]
    [InlineData("!\"%&'()*+,-./:;<=>?_")]
    [InlineData("")]
    public void Accepts_members(string value) => Assert.True(Cset82.IsValid(value));

    [Theory]
    [InlineData("ABC 123", 3)]
    [InlineData("#", 0)]
    [InlineData("A$", 1)]
    [InlineData("~", 0)]
    [InlineData("^", 0)]
    [InlineData("@", 0)]
    [InlineData("Ä", 0)]
    [InlineData("A\u001DB", 1)]
    [InlineData("\0", 0)]
    public void Finds_the_first_non_member(string value, int index)
    {
        Assert.False(Cset82.IsValid(value));
        Assert.Equal(index, Cset82.IndexOfInvalid(value));
    }

    [Fact]
    public void Null_is_not_valid() => Assert.False(Cset82.IsValid(null));
}
