using System.Globalization;
using System.Text;

namespace ChatFlow.Channels.Telegram.Tests;

internal static class TestSupport
{
    public const long AnnaId = 412345678;
    public const long GroupId = -1001987654321;

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static IEnumerable<string> AllFixtures() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>Options pointed at the fake server, with short polling delays and pacing off.</summary>
    public static TelegramOptions Options(FakeBotApi api, Action<TelegramOptions>? configure = null)
    {
        var o = new TelegramOptions();
        Apply(api, o);
        configure?.Invoke(o);
        return o;
    }

    public static void Apply(FakeBotApi api, TelegramOptions o)
    {
        o.BotToken = FakeBotApi.Token;
        o.ApiBaseUrl = api.BaseUrl;
        o.PollingTimeout = TimeSpan.FromSeconds(2);
        o.MinimumPollInterval = TimeSpan.FromMilliseconds(20);
        o.PollingRetryDelay = TimeSpan.FromMilliseconds(20);
        o.PollingMaxRetryDelay = TimeSpan.FromMilliseconds(100);
        o.RequestTimeout = TimeSpan.FromSeconds(5);
        o.Pacing.Enabled = false;
    }

    public static string TextUpdate(int updateId, long chatId, string text, long fromId = AnnaId) =>
        $$"""{"update_id":{{updateId}},"message":{"message_id":{{updateId % 100000}},"from":{"id":{{fromId}},"is_bot":false,"first_name":"Anna","last_name":"Petrova","username":"anna_petrova","language_code":"ru"},"chat":{"id":{{chatId}},"first_name":"Anna","type":"private"},"date":1749991234,"text":{{System.Text.Json.JsonSerializer.Serialize(text)}} } }""";

    /// <summary>A text message from Anna in a supergroup.</summary>
    public static string GroupTextUpdate(int updateId, long chatId, string text) =>
        $$"""{"update_id":{{updateId}},"message":{"message_id":{{updateId % 100000}},"from":{"id":{{AnnaId}},"is_bot":false,"first_name":"Anna","username":"anna_petrova"},"chat":{"id":{{chatId}},"title":"ChatFlow Testers","type":"supergroup"},"date":1749991400,"text":{{System.Text.Json.JsonSerializer.Serialize(text)}} } }""";

    public static string ContactUpdate(int updateId, long chatId, string phone, long contactUserId) =>
        $$"""{"update_id":{{updateId}},"message":{"message_id":{{updateId % 100000}},"from":{"id":{{AnnaId}},"is_bot":false,"first_name":"Anna"},"chat":{"id":{{chatId}},"first_name":"Anna","type":"private"},"date":1749991262,"contact":{"phone_number":"{{phone}}","first_name":"Anna","user_id":{{contactUserId}}} } }""";

    public static string CallbackUpdate(int updateId, long chatId, string data, string queryId) =>
        $$"""{"update_id":{{updateId}},"callback_query":{"id":"{{queryId}}","from":{"id":{{AnnaId}},"is_bot":false,"first_name":"Anna"},"message":{"message_id":77,"chat":{"id":{{chatId}},"type":"private"},"date":1749991236,"text":"Pick"},"chat_instance":"-1","data":{{System.Text.Json.JsonSerializer.Serialize(data)}} } }""";

    public static WebhookRequest Webhook(string? body, string? secret = "s3cret_Token-1")
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (secret is not null)
        {
            headers.Add(new(TelegramWebhookHandler.SecretHeader, secret));
        }

        return new WebhookRequest(headers, body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Waits (bounded) until a condition holds; for state that changes on another thread.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    public static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}
