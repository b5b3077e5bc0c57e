namespace Verifier.Cache.Tests;

public sealed class OutageBreakerTests
{
    private long _now = 1_000;

    private OutageBreaker NewBreaker() => new(TimeSpan.FromSeconds(2), () => _now);

    [Fact]
    public void Closed_breaker_passes_every_call()
    {
        var breaker = NewBreaker();

        Assert.True(breaker.TryPass());
        Assert.True(breaker.TryPass());
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public void Fault_skips_redis_until_the_back_off_ends()
    {
        var breaker = NewBreaker();

        Assert.True(breaker.RecordFault());
        Assert.True(breaker.IsOpen);
        Assert.False(breaker.TryPass());

        _now += 1_999;
        Assert.False(breaker.TryPass());
    }

    [Fact]
    public void After_back_off_exactly_one_probe_passes()
    {
        var breaker = NewBreaker();
        breaker.RecordFault();
        _now += 2_000;

        Assert.True(breaker.TryPass());
        Assert.False(breaker.TryPass());
    }

    [Fact]
    public void Successful_probe_closes_the_breaker()
    {
        var breaker = NewBreaker();
        breaker.RecordFault();
        _now += 2_000;
        breaker.TryPass();

        Assert.True(breaker.RecordSuccess());
        Assert.False(breaker.IsOpen);
        Assert.True(breaker.TryPass());
        Assert.False(breaker.RecordSuccess());
    }

    [Fact]
    public void Failed_probe_re_arms_the_back_off()
    {
        var breaker = NewBreaker();
        breaker.RecordFault();
        _now += 2_000;
        breaker.TryPass();

        Assert.False(breaker.RecordFault());
        _now += 1_000;
        Assert.False(breaker.TryPass());
    }
}
