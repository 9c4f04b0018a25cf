using ChatFlow;
using ChatFlow.Testing;

namespace ChatFlow.Tests.Scenarios;

public class TimeoutTests
{
    private static Scenario WithTimeouts() => Scenario.Define("t", s =>
    {
        s.Step("menu").Say("Menu").OnText("wait").GoTo("waiting").OnText("x").Stay();
        s.Step("waiting")
            .Say("Waiting for you")
            .OnText("done").GoTo("menu")
            .OnText("ping").Say("pong").Stay()
            .After(TimeSpan.FromMinutes(10)).Say("Still there?").Stay()
            .After(TimeSpan.FromHours(24)).Say("Back to the menu.").GoTo("menu");
    });

    [Fact]
    public async Task After_RemindsThenReturns()
    {
        await using var t = new ChatTester(WithTimeouts());
        await t.SendAsync("hi");
        await t.SendAsync("wait");
        (await t.AdvanceAsync(TimeSpan.FromMinutes(9))).ShouldNotReply();
        (await t.AdvanceAsync(TimeSpan.FromMinutes(1))).ShouldReply("Still there?").ShouldBeAt("waiting");
        (await t.AdvanceAsync(TimeSpan.FromHours(1))).ShouldNotReply();
        (await t.AdvanceAsync(TimeSpan.FromHours(23))).ShouldReply("Back to the menu.").ShouldReply("Menu").ShouldBeAt("menu");
        (await t.AdvanceAsync(TimeSpan.FromDays(3))).ShouldNotReply();
        Assert.Empty(t.State!.Timers);
    }

    [Fact]
    public async Task LeavingTheStep_CancelsItsTimers()
    {
        await using var t = new ChatTester(WithTimeouts());
        await t.SendAsync("hi");
        await t.SendAsync("wait");
        await t.SendAsync("done");
        (await t.AdvanceAsync(TimeSpan.FromHours(25))).ShouldNotReply();
        t.ShouldBeAt("menu");
    }

    [Fact]
    public async Task UserActivity_RestartsTheTimeouts()
    {
        await using var t = new ChatTester(WithTimeouts());
        await t.SendAsync("hi");
        await t.SendAsync("wait");
        await t.AdvanceAsync(TimeSpan.FromMinutes(8));
        (await t.SendAsync("ping")).ShouldReply("pong");
        (await t.AdvanceAsync(TimeSpan.FromMinutes(8))).ShouldNotReply();
        (await t.AdvanceAsync(TimeSpan.FromMinutes(2))).ShouldReply("Still there?");
    }

    [Fact]
    public async Task Timers_AreDurable_AcrossBotRestarts()
    {
        var store = new InMemoryConversationStore();
        var scenario = WithTimeouts();
        DateTimeOffset now;
        await using (var t = new ChatTester(scenario, b => b.UseStore(store)))
        {
            await t.SendAsync("hi");
            await t.SendAsync("wait");
            now = t.Clock.GetUtcNow();
            Assert.Equal(2, t.State!.Timers.Count);
        }

        await using var restarted = new ChatTester(scenario, b => b.UseStore(store));
        restarted.Clock.SetUtcNow(now);
        (await restarted.AdvanceAsync(TimeSpan.FromMinutes(11))).ShouldReply("Still there?");
    }

    [Fact]
    public async Task FormTimeouts_ApplyToEveryQuestion()
    {
        await using var t = new ChatTester(ShopBot.ShopScenario.Create(), b => b.UseServices(new LeadServices()));
        await t.SendAsync("/start");
        await t.PressAsync("Order");
        (await t.AdvanceAsync(TimeSpan.FromMinutes(10))).ShouldReply("Are you still there?").ShouldBeAt("order/name");
        await t.SendAsync("Anna");
        (await t.AdvanceAsync(TimeSpan.FromMinutes(10))).ShouldReply("Are you still there?").ShouldBeAt("order/phone");
        (await t.AdvanceAsync(TimeSpan.FromHours(24))).ShouldReply("Your order has expired").ShouldBeAt("menu");
    }

    private sealed class LeadServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ShopBot.ILeadSink) ? new NullSink() : null;

        private sealed class NullSink : ShopBot.ILeadSink
        {
            public ValueTask SendAsync(ShopBot.Lead lead, CancellationToken cancellationToken) => default;
        }
    }
}
