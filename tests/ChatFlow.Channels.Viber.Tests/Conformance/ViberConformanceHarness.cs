using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFlow.Testing.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>
/// Connects the channel conformance kit to <see cref="ViberChannel"/> and its <see cref="ViberWebhookHandler"/>,
/// created with their public constructors as a bot built with <see cref="ChatBot.Create"/> does, talking to a
/// <see cref="FakeViberServer"/>. Viber shows what <c>send_message</c> accepted (status 0); callbacks are signed with
/// <c>X-Viber-Content-Signature</c>, the hex HMAC-SHA256 of the raw body keyed by the bot's token.
/// </summary>
internal sealed class ViberConformanceHarness : ChannelHarness
{
    private const long FirstMessageToken = 5981743627584617000;
    private const long FirstTimestamp = 1749991234567;
    private const string ForgerToken = "4453b6ac12345678-e02c5f12174805f9-daec6bbf3d4ab9f1";

    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private FakeViberServer? _server;
    private ViberChannel? _channel;
    private ViberWebhookHandler? _webhook;
    private int _taken;

    public override IChatChannel Channel => _channel ?? throw NotStarted();

    public override IWebhookHandler? Webhook => _webhook ?? throw NotStarted();

    public override ConversationAddress User { get; } = new(ChannelId.Viber, "N1RQJNw0yUPpuV8EnSfSpA==");

    /// <summary>Gets a value indicating whether Viber says when to retry: it does not; its rate-limit answer is status 12 and nothing else.</summary>
    public override bool PlatformSaysWhenToRetry => false;

    private FakeViberServer Server => _server ?? throw NotStarted();

    public override async ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken)
    {
        _server = await FakeViberServer.StartAsync();
        var options = new ViberOptions
        {
            AuthToken = FakeViberServer.Token,
            SenderName = "ChatFlow Demo",
            ApiBaseUrl = _server.ApiBaseUrl,
        };
        _channel = new ViberChannel(options, _http, _clock, NullLoggerFactory.Instance);
        _webhook = new ViberWebhookHandler(_channel, dispatcher);
    }

    public override IReadOnlyList<PlatformMessage> TakeReceived()
    {
        var calls = Server.Calls("send_message");
        var taken = new List<PlatformMessage>();
        for (; _taken < calls.Count; _taken++)
        {
            if (Accepted(calls[_taken]))
            {
                taken.Add(Shown(calls[_taken].Json));
            }
        }

        return taken;
    }

    public override void FailNextSend(PlatformFailure failure) => Server.Enqueue("send_message", failure switch
    {
        PlatformFailure.RateLimited => FakeReply.Json(Fixture.Text("send_message_response_too_many.json")),
        PlatformFailure.ServerError => FakeReply.Http(503),
        PlatformFailure.UserBlocked => FakeReply.Json(Fixture.Text("send_message_response_not_subscribed.json")),
        PlatformFailure.MalformedAnswer => FakeReply.Malformed(),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    });

    /// <summary>A <c>message</c> callback of type text, shaped like <c>callback_message_text.json</c>.</summary>
    public override WebhookRequest TextUpdate(string text, long sequence) => Authentic(Message(text, sequence));

    /// <summary>
    /// Pressing a <c>reply</c> button makes the user's Viber send an ordinary <c>message</c> callback whose text is the
    /// button's <c>ActionBody</c>.
    /// </summary>
    public override WebhookRequest ButtonPress(PlatformButton button, long sequence)
    {
        ArgumentNullException.ThrowIfNull(button);
        var body = button.Data ?? throw new ArgumentException($"The button '{button.Label}' sends nothing back when pressed.", nameof(button));
        return Authentic(Message(body, sequence));
    }

    /// <summary>
    /// Every callback fixture but <c>conversation_started</c>, whose answer waits for the bot's welcome on this harness's
    /// fake clock (its variants are covered by the handler's own tests).
    /// </summary>
    public override IReadOnlyList<ReadOnlyMemory<byte>> SampleUpdates { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "callback_*.json")
            .Where(f => !f.EndsWith("callback_conversation_started.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f))];

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> AsNewUpdate(ReadOnlyMemory<byte> sample, long sequence)
    {
        var update = JsonNode.Parse(sample.Span)!.AsObject();
        update["message_token"] = sequence;
        return JsonSerializer.SerializeToUtf8Bytes(update);
    }

    public override WebhookRequest Authentic(ReadOnlyMemory<byte> body) => Signed(body, FakeViberServer.Token);

    /// <summary>The same body, signed with a token that is not the bot's.</summary>
    public override WebhookRequest Forge(WebhookRequest genuine)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        return Signed(genuine.Body, ForgerToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _http.Dispose();
        await base.DisposeAsync();
    }

    private static WebhookRequest Signed(ReadOnlyMemory<byte> body, string token) =>
        new([new(ViberSignature.Header, ViberSignature.Compute(token, body.Span)), new("Content-Type", "application/json")], body);

    private static bool Accepted(RecordedRequest request)
    {
        if (request.Answer is not { StatusCode: 200 } answer)
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(answer.Body)?["status"]?.GetValue<int>() == ViberStatus.Ok;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What the user sees of a <c>send_message</c> body: its text (a picture's caption) and its keyboard's buttons in order.</summary>
    private static PlatformMessage Shown(JsonNode body)
    {
        var buttons = new List<PlatformButton>();
        foreach (var button in body["keyboard"]?["Buttons"]?.AsArray() ?? [])
        {
            var label = button!["Text"]?.GetValue<string>() ?? string.Empty;
            var action = button["ActionBody"]?.GetValue<string>();
            buttons.Add(button["ActionType"]?.GetValue<string>() switch
            {
                // reply (the default): pressing sends the ActionBody back as the user's message.
                null or "reply" => new PlatformButton(label, action),
                "open-url" => new PlatformButton(label, Url: action),

                // share-phone, location-picker, none: pressing sends a contact, a location or nothing.
                _ => new PlatformButton(label),
            });
        }

        return new PlatformMessage(body["text"]?.GetValue<string>(), buttons);
    }

    private byte[] Message(string text, long sequence) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["event"] = "message",
        ["timestamp"] = FirstTimestamp + (sequence * 1000),
        ["chat_hostname"] = "SN-CHAT-07_",
        ["message_token"] = FirstMessageToken + sequence,
        ["sender"] = new JsonObject
        {
            ["id"] = User.ChatId,
            ["name"] = "Olena Kovalenko",
            ["avatar"] = "https://media-direct.cdn.viber.com/download_photo?dlid=dL8k2mZ0qR4tY6uI9oP1aS3dF5gH7jK&fltp=jpg&imsz=0000",
            ["language"] = "uk",
            ["country"] = "UA",
            ["api_version"] = 10,
        },
        ["message"] = new JsonObject { ["text"] = text, ["type"] = "text" },
        ["silent"] = false,
    }.ToJsonString());

    private InvalidOperationException NotStarted() => new($"{nameof(ViberConformanceHarness)} is not started.");
}
