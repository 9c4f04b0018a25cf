using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Vk.Tests.Hosting;

public sealed class AddVkTests
{
    [Fact]
    public async Task AddVk_CalledTwice_RegistersOneChannelHandlerAndService()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var flow = services.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create());
        flow.AddVk(o => o.AccessToken = "t");
        flow.AddVk(o => o.GroupId = 7);
        await using var provider = services.BuildServiceProvider();

        var channel = Assert.IsType<VkChannel>(Assert.Single(provider.GetServices<IChatChannel>()));
        Assert.Same(channel, provider.GetRequiredService<ChatBot>().GetChannel(ChannelId.Vk));
        Assert.Same(channel, Assert.Single(provider.GetServices<IBroadcastChannel>()));
        Assert.Single(provider.GetServices<IWebhookHandler>());
        Assert.Single(provider.GetServices<IHostedService>(), s => s.GetType().Name == "VkLongPollService");
        Assert.Same(provider.GetServices<IHostedService>().Single(s => s.GetType().Name == "VkLongPollService"), Assert.Single(provider.GetServices<IChannelReceiver>()));
        var options = provider.GetRequiredService<IOptions<VkOptions>>().Value;
        Assert.Equal("t", options.AccessToken);
        Assert.Equal(7, options.GroupId);
    }

    [Fact]
    public async Task AddVk_InvalidOptions_HostStartFailsWithClearMessageWithoutSecrets()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddVk(o =>
        {
            o.AccessToken = "super-secret-token";
            o.Mode = VkReceiveMode.CallbackApi;
            o.CallbackSecret = new string('s', 51);
            o.LongPollWaitSeconds = 120;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("GroupId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CallbackSecret must be at most 50", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConfirmationCode", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LongPollWaitSeconds", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('s', 51), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddVk_MissingToken_ResolvingTheBotFails()
    {
        var services = new ServiceCollection();
        services.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddVk(o => o.GroupId = 1);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ChatBot>());
        Assert.Contains("AccessToken is required", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task AddVk_RandomIdAcrossRestarts_StableOnlyWithDurableStore(bool durableStore, bool expectSame)
    {
        await using var server = await FakeVkServer.StartAsync();
        for (var run = 0; run < 2; run++)
        {
            var services = new ServiceCollection();
            if (durableStore)
            {
                services.AddSingleton<IConversationStore, DurableStore>();
            }

            services.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddVk(o =>
            {
                o.AccessToken = "t";
                o.GroupId = Fixture.GroupId;
                o.ApiBaseUrl = server.ApiUrl;
            });
            await using var provider = services.BuildServiceProvider();
            var channel = provider.GetRequiredService<VkChannel>();
            await channel.SendAsync(VkTestContext.Delivery("Hi", "vk:512345678/1/0"), default);
        }

        var ids = server.Calls("messages.send").Select(c => c["random_id"]).ToArray();
        Assert.Equal(expectSame, ids[0] == ids[1]);
    }

    /// <summary>Stands in for a durable store (any store that is not the in-memory one).</summary>
    internal sealed class DurableStore : IConversationStore
    {
        private readonly InMemoryConversationStore _inner = new();

        public ValueTask<ConversationState?> LoadAsync(ConversationAddress address, CancellationToken cancellationToken) => _inner.LoadAsync(address, cancellationToken);

        public ValueTask<bool> TrySaveAsync(ConversationState state, long expectedVersion, CancellationToken cancellationToken) => _inner.TrySaveAsync(state, expectedVersion, cancellationToken);

        public ValueTask<bool> TryDeleteAsync(ConversationAddress address, long expectedVersion, CancellationToken cancellationToken) => _inner.TryDeleteAsync(address, expectedVersion, cancellationToken);

        public ValueTask<IReadOnlyList<ConversationAddress>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) => _inner.GetDueAsync(now, maxCount, cancellationToken);
    }
}
