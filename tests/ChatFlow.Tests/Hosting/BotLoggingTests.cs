using ChatFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatFlow.Tests.Hosting;

public sealed class BotLoggingTests
{
    private static Scenario WithButtons() => Scenario.Define("t", s => s.Step("a").Say("Pick", Buttons.Rows(["One", "Two"])).OnText("x").Stay());

    [Fact]
    public void ForBot_DefaultBot_IsTheSameFactory_NamedBot_AppendsItsName()
    {
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));

        Assert.Same(factory, factory.ForBot(null));
        factory.ForBot("sales").CreateLogger("ChatFlow.Channels.Telegram").LogWarning("hello");

        Assert.Equal("ChatFlow.Channels.Telegram.sales", Assert.Single(provider.Collector.GetSnapshot()).Category);
    }

    [Fact]
    public void AddChatFlow_NamedBot_LogsUnderItsName_AndPackageFiltersStillApply()
    {
        using var logs = new FakeLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace).AddFilter("ChatFlow", LogLevel.Warning));
        services.AddChatFlow().AddScenario(WithButtons()).AddChannel(new TestChannel(ChannelCapabilities.TextOnly));
        services.AddChatFlow("sales").AddScenario(WithButtons()).AddChannel(new TestChannel(ChannelCapabilities.TextOnly));
        using var provider = services.BuildServiceProvider();

        // Building each bot warns that its channel cannot show the step's buttons.
        _ = provider.GetRequiredService<ChatBot>();
        _ = provider.GetRequiredKeyedService<ChatBot>("sales");

        var categories = logs.Collector.GetSnapshot().Select(r => r.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ChatFlow", "ChatFlow.sales"], categories);
        Assert.All(logs.Collector.GetSnapshot(), r => Assert.True(r.Level >= LogLevel.Warning));
    }
}
