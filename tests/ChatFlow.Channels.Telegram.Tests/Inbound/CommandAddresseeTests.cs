using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>In groups, <c>/cmd@other_bot</c> is another bot's command: the channel learns its own username and drops those.</summary>
public sealed class CommandAddresseeTests : IAsyncLifetime
{
    private const string Secret = "s3cret_Token-1";
    private readonly FakeLogCollectorFactory _logs = new();
    private FakeBotApi _api = null!;
    private int _updateId = 6000;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.BotUsername = "ShopBot";
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _logs.Dispose();
    }

    private string Group(string text) => TestSupport.GroupTextUpdate(++_updateId, TestSupport.GroupId, text);

    private string Private(string text) => TestSupport.TextUpdate(++_updateId, TestSupport.AnnaId, text);

    private TelegramChannel Channel(Action<TelegramOptions>? configure = null, TimeProvider? time = null) =>
        new(TestSupport.Options(_api, configure), timeProvider: time, loggerFactory: _logs);

    private static void Webhook(TelegramOptions o)
    {
        o.Mode = TelegramReceiveMode.Webhook;
        o.WebhookSecret = Secret;
    }

    private static async Task PostAsync(TelegramWebhookHandler handler, string update) =>
        Assert.Equal(200, (await handler.HandleAsync(TestSupport.Webhook(update, Secret), default)).StatusCode);

    private static string UpdateIdOf(string update) => JsonDocument.Parse(update).RootElement.GetProperty("update_id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<IncomingMessage>> PollAsync(TelegramChannel channel, params string[] updates)
    {
        var dispatcher = new RecordingDispatcher();
        var service = new TelegramReceiverService(channel, () => dispatcher);
        foreach (var update in updates)
        {
            _api.EnqueueUpdate(update);
        }

        await service.StartAsync(default);
        var next = (_updateId + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _api.WaitForAsync(r => r.Method == "getUpdates" && r["offset"] == next);
        await service.StopAsync(default);
        return [.. dispatcher.Messages];
    }

    [Fact]
    public async Task LongPolling_GroupCommands_OnlyOursAndUnaddressedAreDispatched()
    {
        var channel = Channel();
        string[] updates = [Group("/start@ShopBot"), Group("/start@OtherBot"), Group("/start"), Group("/menu@shopbot big order"), Group("/menu@Other_Bot")];

        var dispatched = await PollAsync(channel, updates);

        Assert.Equal([UpdateIdOf(updates[0]), UpdateIdOf(updates[2]), UpdateIdOf(updates[3])], dispatched.Select(m => m.UpdateId));
        Assert.Equal(new CommandContent("start"), dispatched[0].Content);
        Assert.Equal(new CommandContent("start"), dispatched[1].Content);
        var menu = Assert.IsType<CommandContent>(dispatched[2].Content);
        Assert.Equal(("menu", "big order"), (menu.Name, menu.ArgumentText));
        Assert.Equal("ShopBot", channel.BotUsername);
        Assert.Single(_api.Calls("getMe"));
        Assert.Equal(2, _logs.Collector.GetSnapshot().Count(r => r.Id.Id == 3100 && r.Level == LogLevel.Debug && r.Message.Contains("another bot", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LongPolling_GetMeFollowsDeleteWebhook_AndTheFirstBatchWaitsForIt()
    {
        var channel = Channel();

        // The update is in the first poll's answer, which can arrive before getMe's: it is judged with the name all the same.
        var dispatched = await PollAsync(channel, Group("/start@OtherBot"));

        Assert.Empty(dispatched);
        var methods = _api.Requests.Select(r => r.Method).ToList();
        Assert.Equal("deleteWebhook", methods[0]);
        Assert.Equal(1, methods.Count(m => m == "getMe"));
        Assert.Equal("ShopBot", channel.BotUsername);
        Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Id == 3122 && r.Level == LogLevel.Information);
    }

    [Fact]
    public async Task PrivateChat_CommandWithAnySuffix_IsOurs()
    {
        var dispatched = await PollAsync(Channel(), Private("/start@OtherBot"), Private("/help@ShopBot"));

        Assert.Equal([new CommandContent("start"), new CommandContent("help")], dispatched.Select(m => m.Content));
    }

    [Fact]
    public async Task EditedGroupCommandForAnotherBot_HandledAsNew_IsNotDispatched()
    {
        var edited = $$"""{"update_id":{{++_updateId}},"edited_message":{"message_id":70,"from":{"id":{{TestSupport.AnnaId}},"is_bot":false,"first_name":"Anna"},"chat":{"id":{{TestSupport.GroupId}},"type":"group","title":"T"},"date":1749991400,"edit_date":1749991410,"text":"/start@OtherBot"} }""";

        var dispatched = await PollAsync(Channel(o => o.EditedMessages = TelegramEditedMessages.HandleAsNew), edited, Group("/start@ShopBot"));

        Assert.Equal(new CommandContent("start"), Assert.Single(dispatched).Content);
    }

    [Fact]
    public async Task BotUsernameOption_SkipsGetMe()
    {
        var channel = Channel(o =>
        {
            Webhook(o);
            o.BotUsername = "@ShopBot";
        });
        var dispatcher = new RecordingDispatcher();
        var handler = new TelegramWebhookHandler(channel, dispatcher);
        var service = new TelegramReceiverService(channel, () => dispatcher);
        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => service.ExecuteTask!.IsCompleted, "the receiver to settle");

        await PostAsync(handler, Group("/start@OtherBot"));
        await PostAsync(handler, Group("/start@shopbot"));
        await service.StopAsync(default);

        Assert.Equal("ShopBot", channel.BotUsername);
        Assert.Equal(new CommandContent("start"), Assert.Single(dispatcher.Messages).Content);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Webhook_GetMeFailsThenSucceeds_SuffixesCountAsOursUntilTheNameIsKnown()
    {
        _api.Script("getMe", ScriptedResponse.Error(500, "Internal Server Error"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var channel = Channel(o =>
        {
            Webhook(o);
            o.PollingRetryDelay = TimeSpan.FromSeconds(10);
            o.PollingMaxRetryDelay = TimeSpan.FromMinutes(1);
        }, clock);
        var dispatcher = new RecordingDispatcher();
        var handler = new TelegramWebhookHandler(channel, dispatcher);

        // getMe fails: the command counts as ours, and the failure is logged at Warning.
        var first = Group("/start@OtherBot");
        await PostAsync(handler, first);
        Assert.Null(channel.BotUsername);
        Assert.Single(_api.Calls("getMe"));

        // Within the backoff nothing asks again; still ours. A command without a suffix never needs the name.
        var second = Group("/start@OtherBot");
        var plain = Group("/start");
        await PostAsync(handler, second);
        await PostAsync(handler, plain);
        Assert.Single(_api.Calls("getMe"));

        // Once the backoff has passed, the next suffixed command asks again; now the name is known.
        clock.Advance(TimeSpan.FromSeconds(10));
        await PostAsync(handler, Group("/start@OtherBot"));
        var ours = Group("/start@ShopBot");
        await PostAsync(handler, ours);

        Assert.Equal(2, _api.Calls("getMe").Count());
        Assert.Equal("ShopBot", channel.BotUsername);
        Assert.Equal([UpdateIdOf(first), UpdateIdOf(second), UpdateIdOf(plain), UpdateIdOf(ours)], dispatcher.Messages.Select(m => m.UpdateId));
        Assert.All(dispatcher.Messages, m => Assert.Equal(new CommandContent("start"), m.Content));
        var warning = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal(3123, warning.Id.Id);
        Assert.Contains("handled as this bot's", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongPolling_GetMeFailingAtStart_IsRetriedWhilePollingGoesOn()
    {
        _api.Script("getMe", ScriptedResponse.Error(500, "Internal Server Error"), ScriptedResponse.Drop());
        var channel = Channel();
        var dispatcher = new RecordingDispatcher();
        var service = new TelegramReceiverService(channel, () => dispatcher);
        _api.EnqueueUpdate(Private("hello"));

        await service.StartAsync(default);
        await TestSupport.EventuallyAsync(() => channel.BotUsername is not null, "the username after two failed getMe calls");
        await dispatcher.WaitForAsync(m => m.Text == "hello", CancellationToken.None);
        var other = Group("/start@OtherBot");
        var ours = Group("/start@ShopBot");
        _api.EnqueueUpdate(other);
        _api.EnqueueUpdate(ours);
        await dispatcher.WaitForAsync(m => m.UpdateId == UpdateIdOf(ours), CancellationToken.None);
        await service.StopAsync(default);

        Assert.Equal(3, _api.Calls("getMe").Count());
        Assert.DoesNotContain(dispatcher.Messages, m => m.UpdateId == UpdateIdOf(other));
        var logged = _logs.Collector.GetSnapshot();
        Assert.Single(logged, r => r.Id.Id == 3123 && r.Level == LogLevel.Warning);
        Assert.Single(logged, r => r.Id.Id == 3124 && r.Level == LogLevel.Debug);
        Assert.DoesNotContain(logged, r => r.Message.Contains("TEST-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/start@ShopBot", "supergroup", "ShopBot")]
    [InlineData("/start@ShopBot payload", "group", "ShopBot")]
    [InlineData("/start@ShopBot\nsecond line", "group", "ShopBot")]
    [InlineData("/start payload@OtherBot", "group", null)]
    [InlineData("/start", "group", null)]
    [InlineData("/start@", "group", null)]
    [InlineData("hello @OtherBot", "group", null)]
    [InlineData("/start@OtherBot", "private", null)]
    public void Addressee_ReadsTheSuffixOfTheCommandWordInGroups(string text, string chatType, string? expected)
    {
        var message = JsonSerializer.Deserialize<Message>(
            $$"""{"message_id":1,"date":1749991400,"chat":{"id":-1,"type":"{{chatType}}"},"text":{{JsonSerializer.Serialize(text)}}}""",
            global::Telegram.Bot.JsonBotAPI.Options)!;

        Assert.Equal(expected, UpdateProcessor.Addressee(message));
    }

    [Theory]
    [InlineData("shop bot")]
    [InlineData("@")]
    [InlineData("")]
    [InlineData("@@shop_bot")]
    [InlineData("a_name_that_is_longer_than_32_chars_bot")]
    public void BotUsernameOption_Malformed_IsRejectedNamingTheSetting(string username)
    {
        var error = Assert.Throws<ArgumentException>(() => Channel(o => o.BotUsername = username));

        Assert.Contains("TelegramOptions.BotUsername", error.Message, StringComparison.Ordinal);
    }
}
