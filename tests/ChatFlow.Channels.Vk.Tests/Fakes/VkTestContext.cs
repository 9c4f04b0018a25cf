using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Vk.Tests.Fakes;

/// <summary>A fake VK server, a channel talking to it on a fake clock, and a recording dispatcher.</summary>
internal sealed class VkTestContext : IAsyncDisposable
{
    public const string Token = "vk1.a.TOP-SECRET-TOKEN-123";

    private readonly HttpClient _http = new();

    private VkTestContext(FakeVkServer server, VkOptions options, ILoggerFactory? loggerFactory)
    {
        Server = server;
        Options = options;
        Channel = new VkChannel(options, _http, Clock, loggerFactory);
        Handler = new VkWebhookHandler(Channel, Dispatcher);
    }

    public FakeVkServer Server { get; }

    public VkOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public VkChannel Channel { get; }

    public RecordingDispatcher Dispatcher { get; } = new();

    public VkWebhookHandler Handler { get; }

    public static VkOptions OptionsFor(FakeVkServer server, Action<VkOptions>? configure = null)
    {
        var options = new VkOptions
        {
            AccessToken = Token,
            GroupId = Fixture.GroupId,
            ApiBaseUrl = server.ApiUrl,
            Mode = VkReceiveMode.CallbackApi,
            CallbackSecret = Fixture.Secret,
            ConfirmationCode = "c0nf1rm",
            RandomIdSalt = "tests",
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<VkTestContext> StartAsync(Action<VkOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var server = await FakeVkServer.StartAsync();
        return new VkTestContext(server, OptionsFor(server, configure), loggerFactory);
    }

    public static OutgoingDelivery Delivery(OutgoingMessage message, string key = "vk:512345678/1/0", string chatId = Fixture.UserId) =>
        new(new ConversationAddress(ChannelId.Vk, chatId), message, key);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
