using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFlow.Channels.Vk.Tests.Fakes;
using ChatFlow.Testing.Conformance;

namespace ChatFlow.Channels.Vk.Tests.Conformance;

/// <summary>
/// The conformance kit's view of the VK channel: a real <see cref="VkChannel"/> and <see cref="VkWebhookHandler"/>,
/// made with their public constructors as a host without a container makes them, talking to a
/// <see cref="FakeVkServer"/>. Callback API updates are the shared fixtures with their ids, text and payload
/// replaced; VK authenticates them with the <c>secret</c> field in the body, so a forger changes that field.
/// </summary>
internal sealed class VkHarness : ChannelHarness
{
    private const string ForgedSecret = "Zr7kQ2vX9pLm4Tq9";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http = new();

    /// <summary>The action type (<c>text</c>, <c>callback</c>, …) of each button payload VK was given, to press it the way VK reports it.</summary>
    private readonly ConcurrentDictionary<string, string> _actions = new(StringComparer.Ordinal);

    private FakeVkServer? _server;
    private VkChannel? _channel;
    private VkWebhookHandler? _webhook;

    public override IChatChannel Channel => _channel ?? throw new InvalidOperationException("The harness has not been started.");

    public override IWebhookHandler? Webhook => _webhook;

    public override ConversationAddress User { get; } = new(ChannelId.Vk, Fixture.UserId);

    /// <summary>Gets false: VK's rate-limit errors (6 "Too many requests per second", 9 "Flood control") carry no retry time.</summary>
    public override bool PlatformSaysWhenToRetry => false;

    private FakeVkServer Server => _server ?? throw new InvalidOperationException("The harness has not been started.");

    public override async ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken)
    {
        _server = await FakeVkServer.StartAsync();
        var options = new VkOptions
        {
            AccessToken = VkTestContext.Token,
            GroupId = Fixture.GroupId,
            ApiBaseUrl = _server.ApiUrl,
            Mode = VkReceiveMode.CallbackApi,
            CallbackSecret = Fixture.Secret,
            ConfirmationCode = "c0nf1rm",
        };
        _channel = new VkChannel(options, _http);
        _webhook = new VkWebhookHandler(_channel, dispatcher);
    }

    public override IReadOnlyList<PlatformMessage> TakeReceived() => [.. Server.TakeShown().Select(Show)];

    public override void FailNextSend(PlatformFailure failure) => Server.Enqueue("messages.send", failure switch
    {
        PlatformFailure.RateLimited => new FakeReply(Fixture.Text("error_6_too_many_requests.json")),
        PlatformFailure.ServerError => new FakeReply("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>", 502),
        PlatformFailure.UserBlocked => new FakeReply(Fixture.Text("error_901_deny_send.json")),
        PlatformFailure.MalformedAnswer => new FakeReply("<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    });

    public override WebhookRequest TextUpdate(string text, long sequence)
    {
        var update = Update("callback_message_new_text.json", "message_new", sequence);
        var message = update["object"]!["message"]!;
        message["id"] = 2871 + sequence;
        message["conversation_message_id"] = 1458 + sequence;
        message["text"] = text;
        return Authentic(Serialize(update));
    }

    public override WebhookRequest ButtonPress(PlatformButton button, long sequence)
    {
        ArgumentNullException.ThrowIfNull(button);
        if (button.Data is { } data && _actions.TryGetValue(data, out var type) && type == "callback")
        {
            // A callback button: VK sends message_event, with the payload as a JSON object.
            var press = Update("callback_message_event.json", "message_event", sequence);
            press["object"]!["event_id"] = "press" + sequence.ToString("x8", CultureInfo.InvariantCulture);
            press["object"]!["payload"] = JsonNode.Parse(data);
            return Authentic(Serialize(press));
        }

        // A text button: VK sends message_new with the label as text and the payload as a JSON string.
        var update = Update("callback_message_new_button_payload.json", "message_new", sequence);
        var message = update["object"]!["message"]!.AsObject();
        message["id"] = 2873 + sequence;
        message["conversation_message_id"] = 1460 + sequence;
        message["text"] = button.Label;
        if (button.Data is null)
        {
            message.Remove("payload");
        }
        else
        {
            message["payload"] = button.Data;
        }

        return Authentic(Serialize(update));
    }

    /// <summary>Every Callback API fixture (the secret travels inside them, so variants that change it are refused, as they should be).</summary>
    public override IReadOnlyList<ReadOnlyMemory<byte>> SampleUpdates { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "callback_*.json").Order(StringComparer.Ordinal).Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f))];

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> AsNewUpdate(ReadOnlyMemory<byte> sample, long sequence)
    {
        var update = JsonNode.Parse(sample.Span)!.AsObject();
        update["event_id"] = "mutated" + sequence.ToString(CultureInfo.InvariantCulture);
        return JsonSerializer.SerializeToUtf8Bytes(update);
    }

    public override WebhookRequest Authentic(ReadOnlyMemory<byte> body) => new([new("Content-Type", "application/json")], body);

    public override WebhookRequest Forge(WebhookRequest genuine)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        var update = JsonNode.Parse(genuine.Body.Span)!;
        update["secret"] = ForgedSecret;
        return new WebhookRequest(genuine.Headers, Serialize(update));
    }

    public override async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private static JsonNode Update(string fixture, string type, long sequence)
    {
        var update = JsonNode.Parse(Fixture.Bytes(fixture))!;
        Assert.Equal(type, (string?)update["type"]);
        update["event_id"] = sequence.ToString("x40", CultureInfo.InvariantCulture);
        return update;
    }

    private static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Relaxed);

    /// <summary>What a user sees of one accepted <c>messages.send</c>: its text and its keyboard's buttons, row by row.</summary>
    private PlatformMessage Show(RecordedRequest send)
    {
        var buttons = new List<PlatformButton>();
        if (send.Form.TryGetValue("keyboard", out var keyboard))
        {
            using var json = JsonDocument.Parse(keyboard);
            foreach (var row in json.RootElement.GetProperty("buttons").EnumerateArray())
            {
                foreach (var button in row.EnumerateArray())
                {
                    var action = button.GetProperty("action");
                    var type = action.GetProperty("type").GetString()!;
                    var label = action.TryGetProperty("label", out var l) ? l.GetString()! : type;
                    var payload = action.TryGetProperty("payload", out var p) ? p.GetString() : null;
                    var link = action.TryGetProperty("link", out var u) ? u.GetString() : null;
                    if (payload is not null)
                    {
                        _actions[payload] = type;
                    }

                    buttons.Add(new PlatformButton(label, payload, link));
                }
            }
        }

        return new PlatformMessage(send.Form.GetValueOrDefault("message"), buttons);
    }
}
