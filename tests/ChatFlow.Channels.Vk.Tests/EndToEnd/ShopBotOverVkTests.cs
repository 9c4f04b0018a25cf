using System.Text;
using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ShopBot;

namespace ChatFlow.Channels.Vk.Tests.EndToEnd;

/// <summary>The ShopBot order scenario, completed over the fake VK API through the DI registration.</summary>
public sealed class ShopBotOverVkTests
{
    private static ServiceProvider Build(FakeVkServer server, FakeTimeProvider clock, VkReceiveMode mode)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILeadSink, InMemoryLeadSink>();
        services.AddChatFlow().AddScenario(ShopScenario.Create()).AddVk(o =>
        {
            o.AccessToken = VkTestContext.Token;
            o.GroupId = Fixture.GroupId;
            o.ApiBaseUrl = server.ApiUrl;
            o.Mode = mode;
            o.CallbackSecret = Fixture.Secret;
            o.ConfirmationCode = "c0nf1rm";
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static void AssertOrderCompleted(ServiceProvider provider, VkUser user)
    {
        var said = user.Said;
        Assert.Contains(said, s => s.StartsWith("Hi! Welcome to ChatFlow Shop", StringComparison.Ordinal));
        Assert.Contains("What is your name?", said);
        Assert.Contains("Your phone number?", said);
        Assert.Contains(said, s => s.StartsWith("Order for Anna, +79991234567. Confirm?", StringComparison.Ordinal));
        Assert.Contains(said, s => s.StartsWith("Thank you! Your order is placed", StringComparison.Ordinal));
        var lead = Assert.Single(((InMemoryLeadSink)provider.GetRequiredService<ILeadSink>()).Leads);
        Assert.Equal(new Lead("Anna", "+79991234567"), lead);
    }

    [Fact]
    public async Task ShopBot_OrderOverCallbackApi_Completes()
    {
        await using var server = await FakeVkServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        await using var provider = Build(server, clock, VkReceiveMode.CallbackApi);
        var handler = Assert.Single(provider.GetServices<IWebhookHandler>(), h => h.Channel == ChannelId.Vk);
        var bot = provider.GetRequiredService<ChatBot>();
        var user = new VkUser(server);

        async Task Post(string body)
        {
            var response = await handler.HandleAsync(Fixture.Request(Encoding.UTF8.GetBytes(body)), default);
            Assert.Equal("ok", response.Body);
            await bot.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        var confirmation = await handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_confirmation.json")), default);
        Assert.Equal("c0nf1rm", confirmation.Body);

        await Post(user.Text("/start"));
        var menu = server.Calls("messages.send")[^1];
        Assert.Contains("\"label\":\"Call an operator\"", menu["keyboard"], StringComparison.Ordinal);
        await Post(user.Press("Order"));
        await Post(user.Text("Anna"));
        var phonePrompt = server.Calls("messages.send")[^1];
        Assert.Equal("Your phone number?", phonePrompt["message"]);
        Assert.DoesNotContain("phone", phonePrompt.Form.GetValueOrDefault("keyboard") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        await Post(user.Text("+7 999 123-45-67"));
        await Post(user.Press("Yes"));

        AssertOrderCompleted(provider, user);
        Assert.Equal(server.Calls("messages.send").Count, server.Calls("messages.send").Select(c => c["random_id"]).Distinct().Count());
    }

    [Fact]
    public async Task ShopBot_OrderOverLongPoll_Completes()
    {
        await using var server = await FakeVkServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        await using var provider = Build(server, clock, VkReceiveMode.LongPoll);
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(default);
        }

        var user = new VkUser(server);
        var ts = 2000;
        async Task Poll(string body, string expectedReply)
        {
            server.EnqueueLongPoll(VkUser.LongPoll((++ts).ToString(System.Globalization.CultureInfo.InvariantCulture), body));
            await server.WaitForAsync(_ => user.Said.Any(s => s.StartsWith(expectedReply, StringComparison.Ordinal)), what: "the reply " + expectedReply);
        }

        await Poll(user.Text("/start"), "Hi! Welcome to ChatFlow Shop");
        await Poll(user.Press("Order"), "What is your name?");
        await Poll(user.Text("Anna"), "Your phone number?");
        await Poll(user.Text("+7 999 123-45-67"), "Order for Anna");
        await Poll(user.Press("Yes"), "Thank you!");

        foreach (var service in hosted.Reverse())
        {
            await service.StopAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
        }

        AssertOrderCompleted(provider, user);
        Assert.Single(server.Calls("groups.getLongPollServer"));
    }
}
