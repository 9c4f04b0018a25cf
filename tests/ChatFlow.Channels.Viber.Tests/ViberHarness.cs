using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>
/// A bot with the Viber channel, talking to a <see cref="FakeViberServer"/>, on a fake clock, with
/// every log line collected and every message the bot received recorded.
/// </summary>
internal sealed class ViberHarness : IAsyncDisposable
{
    public static readonly ConversationAddress Olena = new(ChannelId.Viber, "N1RQJNw0yUPpuV8EnSfSpA==");

    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggerFactory;

    private ViberHarness(FakeViberServer server, FakeTimeProvider clock, ViberOptions options, Scenario scenario, Action<ChatBotBuilder>? configureBot)
    {
        Server = server;
        Clock = clock;
        Options = options;
        Logs = new FakeLoggerProvider();
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        _http = new HttpClient();
        Channel = new ViberChannel(options, _http, clock, _loggerFactory);
        Bot = ChatBot.Create(b =>
        {
            b.AddScenario(scenario).AddChannel(Channel).UseTimeProvider(clock).UseLoggerFactory(_loggerFactory);
            b.Use((c, next, ct) =>
            {
                Received.Enqueue(c.Message);
                return next(c, ct);
            });
            configureBot?.Invoke(b);
        });
        Handler = new ViberWebhookHandler(Channel, Bot);
    }

    public FakeViberServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public ViberOptions Options { get; }

    public FakeLoggerProvider Logs { get; }

    public ViberChannel Channel { get; }

    public ChatBot Bot { get; }

    public ViberWebhookHandler Handler { get; }

    /// <summary>Gets every message the bot's pipeline saw, in order.</summary>
    public ConcurrentQueue<IncomingMessage> Received { get; } = new();

    /// <summary>A small scenario: a greeting with a keyboard, then echoes of what the user sends.</summary>
    public static Scenario EchoScenario() => Scenario.Define("echo", s =>
    {
        s.Always().OnEvent(LifecycleEvent.Unreachable).Stay();
        s.Step("hello")
            .Say("Hello! Pick one:", Buttons.Rows(["A", "B"]))
            .Otherwise().Say(c => new OutgoingMessage("You sent " + c.Message.Content)).Stay();
    });

    public static async Task<ViberHarness> StartAsync(Action<ViberOptions>? configure = null, Scenario? scenario = null, Action<ChatBotBuilder>? configureBot = null)
    {
        var server = await FakeViberServer.StartAsync();
        var options = new ViberOptions
        {
            AuthToken = FakeViberServer.Token,
            SenderName = "ChatFlow Demo",
            ApiBaseUrl = server.ApiBaseUrl,
        };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        return new ViberHarness(server, clock, options, scenario ?? EchoScenario(), configureBot);
    }

    /// <summary>Makes a webhook request signed with the bot's token, as Viber would send it.</summary>
    public static WebhookRequest Signed(byte[] body, string token = FakeViberServer.Token) =>
        new([new("X-Viber-Content-Signature", ViberSignature.Compute(token, body)), new("Content-Type", "application/json")], body);

    public static WebhookRequest Signed(string body) => Signed(Encoding.UTF8.GetBytes(body));

    /// <summary>A <c>message</c> callback with text, as Viber sends it when the user types or presses a reply button.</summary>
    public static string TextMessage(string text, long token, string userId = "N1RQJNw0yUPpuV8EnSfSpA==") =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["event"] = "message",
            ["timestamp"] = 1749991234567 + (token % 100_000),
            ["chat_hostname"] = "SN-CHAT-07_",
            ["message_token"] = token,
            ["sender"] = new System.Text.Json.Nodes.JsonObject { ["id"] = userId, ["name"] = "Olena Kovalenko", ["language"] = "uk", ["country"] = "UA", ["api_version"] = 10 },
            ["message"] = new System.Text.Json.Nodes.JsonObject { ["text"] = text, ["type"] = "text" },
            ["silent"] = false,
        }.ToJsonString();

    /// <summary>Sends one reply straight through the channel.</summary>
    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, string key = "viber:N1RQJNw0yUPpuV8EnSfSpA==/1/0", int attempt = 0) =>
        Channel.SendAsync(new OutgoingDelivery(Olena, message, key) { Attempt = attempt }, CancellationToken.None);

    /// <summary>Posts a signed callback to the webhook handler.</summary>
    public ValueTask<WebhookResponse> PostAsync(byte[] body) => Handler.HandleAsync(Signed(body), CancellationToken.None);

    public ValueTask<WebhookResponse> PostAsync(string body) => PostAsync(Encoding.UTF8.GetBytes(body));

    public ValueTask<WebhookResponse> PostFixtureAsync(string name) => PostAsync(Fixture.Bytes(name));

    /// <summary>Waits until the bot has processed everything the webhook enqueued.</summary>
    public Task IdleAsync() => Bot.WhenIdleAsync();

    /// <summary>Gets every log line written so far, formatted, with its exception.</summary>
    public IReadOnlyList<string> LogLines() => Logs.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Id.Id} {r.Message} {r.Exception}").ToArray();

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        _loggerFactory.Dispose();
        _http.Dispose();
        Logs.Dispose();
        await Server.DisposeAsync();
    }
}
