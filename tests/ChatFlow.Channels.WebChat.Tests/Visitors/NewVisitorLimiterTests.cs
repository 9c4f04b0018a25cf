using System.Net;
using ChatFlow.Channels.WebChat.Visitors;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.WebChat.Tests.Visitors;

public sealed class NewVisitorLimiterTests
{
    [Fact]
    public void TryTake_EachIPv4AddressHasItsOwnAllowance()
    {
        var limiter = new NewVisitorLimiter(1, new FakeTimeProvider());

        Assert.True(limiter.TryTake(IPAddress.Parse("203.0.113.7"), out _));
        Assert.False(limiter.TryTake(IPAddress.Parse("203.0.113.7"), out var retryAfter));
        Assert.True(limiter.TryTake(IPAddress.Parse("203.0.113.8"), out _));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
    }

    [Fact]
    public void TryTake_IPv6AddressesOfOneSlash64_ShareAnAllowance_AndMappedIPv4CountsAsIPv4()
    {
        var limiter = new NewVisitorLimiter(1, new FakeTimeProvider());

        Assert.True(limiter.TryTake(IPAddress.Parse("2001:db8:1:2::1"), out _));
        Assert.False(limiter.TryTake(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff"), out _));
        Assert.True(limiter.TryTake(IPAddress.Parse("2001:db8:1:3::1"), out _));
        Assert.True(limiter.TryTake(IPAddress.Parse("198.51.100.1"), out _));
        Assert.False(limiter.TryTake(IPAddress.Parse("::ffff:198.51.100.1"), out _));
    }

    [Fact]
    public void TryTake_AfterTheMinute_ForgetsClientsThatWentQuiet()
    {
        var time = new FakeTimeProvider();
        var limiter = new NewVisitorLimiter(1, time);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(limiter.TryTake(IPAddress.Parse("192.0.2." + i), out _));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryTake(IPAddress.Parse("192.0.2.200"), out _));

        Assert.Equal(1, limiter.TrackedClients);
    }
}
