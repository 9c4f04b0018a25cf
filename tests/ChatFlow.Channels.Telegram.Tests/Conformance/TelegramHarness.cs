using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>
/// Runs the conformance kit against the real <see cref="TelegramChannel"/> and <see cref="TelegramWebhookHandler"/>,
/// made as an application without DI makes them (webhook mode, a secret, Telegram's default pacing), pointed at a
/// <see cref="FakeBotApi"/> on a loopback port. Updates are shaped after the recorded payloads in <c>Fixtures/</c>
/// and authenticated with the <c>X-Telegram-Bot-Api-Secret-Token</c> header. The channel keeps its default
/// <see cref="TelegramOptions.ParseMode"/> (none), so the text a send carries is the text the user sees.
/// </summary>
internal sealed class TelegramHarness : ChannelHarness
{
    private const string Secret = "conformance_Secret-42";
    private const long BotId = 7012345678;
    private static readonly int RetryAfterSeconds = (int)Math.Ceiling(RateLimitRetryAfter.TotalSeconds);

    private readonly ConcurrentDictionary<string, DeliveredMessage> _sentWithData = new(StringComparer.Ordinal);
    private FakeBotApi? _api;
    private HttpClient? _http;
    private TelegramChannel? _channel;
    private TelegramWebhookHandler? _webhook;
    private int _taken;

    /// <inheritdoc />
    public override IChatChannel Channel => _channel ?? throw new InvalidOperationException("Start the harness first.");

    /// <inheritdoc />
    public override IWebhookHandler? Webhook => _webhook;

    /// <inheritdoc />
    public override ConversationAddress User { get; } = new(ChannelId.Telegram, TestSupport.Id(TestSupport.AnnaId));

    /// <summary>Gets a value indicating that Telegram's 429 says when to retry: <c>parameters.retry_after</c>, in seconds.</summary>
    public override bool PlatformSaysWhenToRetry => true;

    /// <inheritdoc />
    public override async ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken)
    {
        _api = await FakeBotApi.StartAsync();
        _http = new HttpClient();
        var options = new TelegramOptions
        {
            BotToken = FakeBotApi.Token,
            ApiBaseUrl = _api.BaseUrl,
            Mode = TelegramReceiveMode.Webhook,
            WebhookSecret = Secret,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        _channel = new TelegramChannel(options, _http);
        _webhook = new TelegramWebhookHandler(_channel, dispatcher);
    }

    /// <inheritdoc />
    public override IReadOnlyList<PlatformMessage> TakeReceived()
    {
        var delivered = Api.Delivered;
        var taken = new List<PlatformMessage>();
        for (; _taken < delivered.Count; _taken++)
        {
            var sent = delivered[_taken];
            var buttons = Buttons(sent.Request.Json("reply_markup"));
            foreach (var data in buttons.Select(b => b.Data).OfType<string>())
            {
                _sentWithData[data] = sent;
            }

            taken.Add(new PlatformMessage(sent.Request["text"] ?? sent.Request["caption"], buttons));
        }

        return taken;
    }

    /// <inheritdoc />
    public override void FailNextSend(PlatformFailure failure) => Api.Script("sendMessage", failure switch
    {
        PlatformFailure.RateLimited => ScriptedResponse.Error(429, $"Too Many Requests: retry after {RetryAfterSeconds}", RetryAfterSeconds),
        PlatformFailure.ServerError => ScriptedResponse.Error(500, "Internal Server Error"),
        PlatformFailure.UserBlocked => ScriptedResponse.Error(403, "Forbidden: bot was blocked by the user"),
        PlatformFailure.MalformedAnswer => ScriptedResponse.Raw(200, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "text/html"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "No such failure."),
    });

    /// <summary>Builds the <c>message</c> update Telegram posts when Anna writes <paramref name="text"/> in her private chat with the bot.</summary>
    public override WebhookRequest TextUpdate(string text, long sequence)
    {
        var update = new JsonObject
        {
            ["update_id"] = UpdateId(sequence),
            ["message"] = new JsonObject
            {
                ["message_id"] = 1204 + sequence,
                ["from"] = Anna(),
                ["chat"] = AnnaChat(),
                ["date"] = 1749991234 + sequence,
                ["text"] = text,
            },
        };
        return Authentic(Encoding.UTF8.GetBytes(update.ToJsonString()));
    }

    /// <summary>
    /// Builds the <c>callback_query</c> update Telegram posts when Anna presses an inline button: the message it hangs
    /// under (as the bot sent it, keyboard included) and the button's <c>callback_data</c>.
    /// </summary>
    public override WebhookRequest ButtonPress(PlatformButton button, long sequence)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (button.Data is not { } data)
        {
            throw new ArgumentException($"The button '{button.Label}' sends no callback_data: Telegram posts no callback query for it.", nameof(button));
        }

        var message = new JsonObject
        {
            ["message_id"] = 1205,
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "ChatFlow Demo", ["username"] = "chatflow_demo_bot" },
            ["chat"] = AnnaChat(),
            ["date"] = 1749991236,
        };
        if (_sentWithData.TryGetValue(data, out var sent))
        {
            message["message_id"] = sent.MessageId;
            message["text"] = sent.Request["text"];
            message["reply_markup"] = sent.Request.Json("reply_markup")?.DeepClone();
        }

        var update = new JsonObject
        {
            ["update_id"] = UpdateId(sequence),
            ["callback_query"] = new JsonObject
            {
                ["id"] = (1771047823465732100 + sequence).ToString(CultureInfo.InvariantCulture),
                ["from"] = Anna(),
                ["message"] = message,
                ["chat_instance"] = "-7384651290385724116",
                ["data"] = data,
            },
        };
        return Authentic(Encoding.UTF8.GetBytes(update.ToJsonString()));
    }

    /// <summary>Wraps a body the way Telegram posts it: JSON, with the webhook's secret in <c>X-Telegram-Bot-Api-Secret-Token</c>.</summary>
    /// <summary>Every update fixture: text, commands, a button press, contact, location, photo, a group, an edit, a block.</summary>
    public override IReadOnlyList<ReadOnlyMemory<byte>> SampleUpdates { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "update_*.json").Order(StringComparer.Ordinal).Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f))];

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> AsNewUpdate(ReadOnlyMemory<byte> sample, long sequence)
    {
        var update = JsonNode.Parse(sample.Span)!.AsObject();
        update["update_id"] = sequence;
        return JsonSerializer.SerializeToUtf8Bytes(update);
    }

    public override WebhookRequest Authentic(ReadOnlyMemory<byte> body) => new(
        [new("Content-Type", "application/json"), new(TelegramWebhookHandler.SecretHeader, Secret)],
        body);

    /// <summary>Replaces the secret header with a guess of the same length and alphabet.</summary>
    public override WebhookRequest Forge(WebhookRequest genuine)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        var headers = genuine.Headers
            .Where(h => !string.Equals(h.Key, TelegramWebhookHandler.SecretHeader, StringComparison.OrdinalIgnoreCase))
            .Append(new(TelegramWebhookHandler.SecretHeader, "conformance_Secret-43"))
            .ToList();
        return new WebhookRequest(headers, genuine.Body);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private FakeBotApi Api => _api ?? throw new InvalidOperationException("Start the harness first.");

    /// <summary>Flattens an inline or reply keyboard row by row; reply buttons carry no data (a press sends their label as a message).</summary>
    private static List<PlatformButton> Buttons(JsonNode? markup)
    {
        var buttons = new List<PlatformButton>();
        var rows = markup?["inline_keyboard"] as JsonArray ?? markup?["keyboard"] as JsonArray;
        foreach (var row in rows ?? [])
        {
            foreach (var button in row?.AsArray() ?? [])
            {
                buttons.Add(button switch
                {
                    JsonValue label => new PlatformButton(label.GetValue<string>()),
                    _ => new PlatformButton(
                        button?["text"]?.GetValue<string>() ?? string.Empty,
                        button?["callback_data"]?.GetValue<string>(),
                        button?["url"]?.GetValue<string>()),
                });
            }
        }

        return buttons;
    }

    private static long UpdateId(long sequence) => 873204510 + sequence;

    private static JsonObject Anna() => new()
    {
        ["id"] = TestSupport.AnnaId,
        ["is_bot"] = false,
        ["first_name"] = "Anna",
        ["last_name"] = "Petrova",
        ["username"] = "anna_petrova",
        ["language_code"] = "ru",
    };

    private static JsonObject AnnaChat() => new()
    {
        ["id"] = TestSupport.AnnaId,
        ["first_name"] = "Anna",
        ["last_name"] = "Petrova",
        ["username"] = "anna_petrova",
        ["type"] = "private",
    };
}
