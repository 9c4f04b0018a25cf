using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ChatFlow.AspNetCore.Tests.Health;

/// <summary>The ChatFlow health check: receivers' states and the store, through a real host.</summary>
public sealed class HealthCheckTests
{
    private const string Token = "123456789:TEST-token_abcdefghijklmnopqrstuv";
    private const string OneTextUpdate = "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1749991234,\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Anna\"},\"text\":\"hi\"}}";

    private static Task<TestHost> StartAsync(Action<IServiceCollection> configure) => TestHost.StartAsync(
        s =>
        {
            configure(s);
            s.AddHealthChecks().AddChatFlow();
        },
        app =>
        {
            app.MapChatFlow();
            app.MapHealthChecks("/health");
        });

    private static Task<HealthReport> CheckAsync(TestHost host) => host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task AddChatFlow_DeadTelegramPollingLoop_ReportsUnhealthy()
    {
        await using var api = await FakeBotApi.StartAsync(OneTextUpdate);
        await using var host = await StartAsync(s =>
        {
            // The loop dies when it cannot get the bot for a batch of updates; the host is told to keep running.
            s.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
            s.AddSingleton<IChatDispatcher>(_ => throw new InvalidOperationException("the bot could not be built"));
            s.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddTelegram(o =>
            {
                o.BotToken = Token;
                o.ApiBaseUrl = api.Url;
            });
        });

        HealthReport? report = null;
        await Fixture.EventuallyAsync(
            () => (report = CheckAsync(host).GetAwaiter().GetResult()).Status == HealthStatus.Unhealthy,
            "the health check to report the dead loop");
        using var response = await host.Http.GetAsync("/health");

        var entry = report!.Entries["chatflow"];
        Assert.Equal("Failed", entry.Data["telegram.state"]);
        Assert.Contains("the bot could not be built", (string)entry.Data["telegram.lastError"], StringComparison.Ordinal);
        Assert.Contains("telegram: Failed", entry.Description, StringComparison.Ordinal);
        Assert.Equal("ok", entry.Data["store"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddChatFlow_TelegramPollingAnswered_ReportsHealthyWithLastActivity()
    {
        await using var api = await FakeBotApi.StartAsync(OneTextUpdate);
        await using var host = await StartAsync(s => s.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddTelegram(o =>
        {
            o.BotToken = Token;
            o.ApiBaseUrl = api.Url;
        }));

        HealthReport? report = null;
        await Fixture.EventuallyAsync(
            () => (report = CheckAsync(host).GetAwaiter().GetResult()).Status == HealthStatus.Healthy,
            "the polling loop to run");
        using var response = await host.Http.GetAsync("/health");

        Assert.Equal("Running", report!.Entries["chatflow"].Data["telegram.state"]);
        Assert.True(report.Entries["chatflow"].Data.ContainsKey("telegram.lastActivity"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ReceiverState.Running, HealthStatus.Healthy)]
    [InlineData(ReceiverState.Starting, HealthStatus.Degraded)]
    [InlineData(ReceiverState.Degraded, HealthStatus.Degraded)]
    [InlineData(ReceiverState.Failed, HealthStatus.Unhealthy)]
    [InlineData(ReceiverState.Stopped, HealthStatus.Unhealthy)]
    public async Task AddChatFlow_ReceiverState_MapsToHealthStatus(ReceiverState state, HealthStatus expected)
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var host = await StartAsync(s => s
            .AddSingleton<IChannelReceiver>(new FixedReceiver("alpha", new ReceiverStatus(ReceiverState.Running, at)))
            .AddSingleton<IChannelReceiver>(new FixedReceiver("beta", new ReceiverStatus(state, at, "boom", at))));

        var report = await CheckAsync(host);

        Assert.Equal(expected, report.Status);
        var data = report.Entries["chatflow"].Data;
        Assert.Equal("Running", data["alpha.state"]);
        Assert.Equal(state.ToString(), data["beta.state"]);
        Assert.Equal("2026-01-02T03:04:05.0000000+00:00", data["beta.lastActivity"]);
        Assert.Equal("boom", data["beta.lastError"]);
    }

    [Fact]
    public async Task AddChatFlow_StoppedReceiverWhileHostStops_IsNotUnhealthy()
    {
        await using var host = await StartAsync(s => s.AddSingleton<IChannelReceiver>(new FixedReceiver("alpha", new ReceiverStatus(ReceiverState.Stopped))));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(host)).Status);

        lifetime.StopApplication();

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);
    }

    [Fact]
    public async Task AddChatFlow_StoreFails_ReportsUnhealthy()
    {
        await using var host = await StartAsync(s => s.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).UseStore<BrokenStore>());

        var report = await CheckAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("database is down", report.Entries["chatflow"].Data["store"]);
    }

    [Fact]
    public async Task AddChatFlow_NamedBots_ReportsEachBotsReceiversAndStore_AlsoOfABotWithoutReceivers()
    {
        await using var host = await StartAsync(s =>
        {
            s.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create());
            s.AddChatFlow("sales").AddScenario(ShopBot.ShopScenario.Create());
            s.AddChatFlow("support").AddScenario(ShopBot.ShopScenario.Create()).UseStore<BrokenStore>();
            s.AddSingleton<IChannelReceiver>(new FixedReceiver("telegram", new ReceiverStatus(ReceiverState.Running), "sales"));
            s.AddSingleton<IChannelReceiver>(new FixedReceiver("telegram", new ReceiverStatus(ReceiverState.Failed, LastError: "401 Unauthorized")));
        });

        var report = await CheckAsync(host);

        var entry = report.Entries["chatflow"];
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("Running", entry.Data["sales/telegram.state"]);
        Assert.Equal("Failed", entry.Data["telegram.state"]);
        Assert.Equal("ok", entry.Data["store"]);
        Assert.Equal("ok", entry.Data["sales/store"]);

        // "support" has no receiver at all: its store is still probed.
        Assert.Equal("database is down", entry.Data["support/store"]);
        Assert.Contains("support/store: database is down", entry.Description, StringComparison.Ordinal);
        Assert.Contains("telegram: Failed (401 Unauthorized)", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("sales/telegram", entry.Description, StringComparison.Ordinal);
    }

    private sealed class FixedReceiver(string channel, ReceiverStatus status, string? botName = null) : IChannelReceiver
    {
        public ChannelId Channel { get; } = new(channel);

        public string? BotName { get; } = botName;

        public ReceiverStatus GetStatus() => status;
    }

    private sealed class BrokenStore : IConversationStore
    {
        public ValueTask<ConversationState?> LoadAsync(ConversationAddress address, CancellationToken cancellationToken) => throw new InvalidOperationException("database is down");

        public ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken) => throw new InvalidOperationException("database is down");

        public ValueTask<bool> TryDeleteAsync(ConversationAddress address, long expectedVersion, CancellationToken cancellationToken) => throw new InvalidOperationException("database is down");

        public ValueTask<IReadOnlyList<ConversationAddress>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ConversationAddress>>([]);
    }
}
