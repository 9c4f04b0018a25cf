using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ChatFlow.Channels.Telegram.Tests;

public sealed class RegistrationTests
{
    private static readonly Scenario Simple = Scenario.Define("t", s =>
    {
        s.Always().OnCommand("ping").Say("pong").Stay();
        s.Step("home").Say("Home").OnText("home").Stay();
    });

    private static IHost BuildHost(Action<TelegramOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow().AddScenario(Simple).AddTelegram(configure);
        return builder.Build();
    }

    [Fact]
    public async Task AddTelegram_CalledTwice_RegistersOneChannelOneWebhookHandlerAndOneReceiver()
    {
        var services = new ServiceCollection().AddLogging();
        var flow = services.AddChatFlow().AddScenario(Simple);
        flow.AddTelegram(o => o.BotToken = FakeBotApi.Token).AddTelegram(o => o.Mode = TelegramReceiveMode.SendOnly);
        await using var provider = services.BuildServiceProvider();

        var bot = provider.GetRequiredService<ChatBot>();
        var channel = Assert.IsType<TelegramChannel>(bot.GetChannel(ChannelId.Telegram));
        Assert.Single(bot.Channels);
        Assert.Same(channel, provider.GetRequiredService<TelegramChannel>());
        Assert.IsType<TelegramWebhookHandler>(Assert.Single(provider.GetServices<IWebhookHandler>()));
        Assert.Single(provider.GetServices<IHostedService>().OfType<TelegramReceiverService>());
        Assert.Same(provider.GetServices<IHostedService>().OfType<TelegramReceiverService>().Single(), Assert.Single(provider.GetServices<IChannelReceiver>()));
        Assert.Equal(TelegramReceiveMode.SendOnly, provider.GetRequiredService<IOptions<TelegramOptions>>().Value.Mode);
        Assert.IsAssignableFrom<ITelegramBotClient>(channel.GetService(typeof(ITelegramBotClient)));
    }

    [Theory]
    [InlineData("not-a-token", "BotToken is malformed")]
    [InlineData("", "BotToken is required")]
    [InlineData("123:short", "BotToken is malformed")]
    public async Task StartAsync_BadToken_FailsWithAClearMessageThatDoesNotEchoTheToken(string token, string expected)
    {
        using var host = BuildHost(o => o.BotToken = token);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("with space", "may contain only A-Z, a-z, 0-9, '_' and '-'")]
    [InlineData("emoji🙂", "may contain only")]
    [InlineData("", "must be 1 to 256 characters")]
    public async Task StartAsync_BadWebhookSecret_FailsWithAClearMessage(string secret, string expected)
    {
        using var host = BuildHost(o =>
        {
            o.BotToken = FakeBotApi.Token;
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = secret;
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecretLongerThan256_IsRejected()
    {
        var options = new TelegramOptions { BotToken = FakeBotApi.Token, WebhookSecret = new string('a', 257) };

        var error = Assert.Throws<ArgumentException>(() => new TelegramChannel(options));

        Assert.Contains("1 to 256 characters long; it is 257", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WebhookModeWithoutSecret_IsRejected()
    {
        var options = new TelegramOptions { BotToken = FakeBotApi.Token, Mode = TelegramReceiveMode.Webhook };

        var error = Assert.Throws<ArgumentException>(() => new TelegramChannel(options));

        Assert.Contains("WebhookSecret is required in webhook mode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8081/api/", "must not have a path")]
    [InlineData("ftp://localhost/", "absolute http:// or https://")]
    public void Validate_ApiBaseUrlWithPathOrOddScheme_IsRejected(string url, string expected)
    {
        var options = new TelegramOptions { BotToken = FakeBotApi.Token, ApiBaseUrl = new Uri(url) };

        var error = Assert.Throws<ArgumentException>(() => new TelegramChannel(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PollingAndPacingOutOfRange_ListsEveryProblem()
    {
        var options = new TelegramOptions { BotToken = FakeBotApi.Token, PollingLimit = 0, PollingTimeout = TimeSpan.FromMinutes(2) };
        options.Pacing.PerChatBurst = 0;

        var errors = TelegramOptionsValidation.Validate(options);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("PollingLimit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("PollingTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("bursts", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_WithTokenAreValid()
    {
        Assert.Empty(TelegramOptionsValidation.Validate(new TelegramOptions { BotToken = FakeBotApi.Token }));
    }
}
