using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatFlow.Testing;
using ChatFlow.Testing.Conformance;

namespace ChatFlow.Tests.Testing;

/// <summary>
/// The conformance kit against a small in-memory platform and its channel: a correct channel passes every check,
/// and each kind of mistake a channel can make fails the check written for it.
/// </summary>
public sealed class ChannelConformanceTests
{
    public static TheoryData<string> AllChecks => [.. ChannelConformance.SendChecks, .. ChannelConformance.WebhookChecks];

    [Theory]
    [MemberData(nameof(AllChecks))]
    public Task RunAsync_CorrectChannel_Passes(string check) => ChannelConformance.RunAsync(check, () => new MiniHarness(Faults.None));

    [Theory]
    [InlineData("send-text", Faults.DropsMarkup, "markup characters must be sent literally")]
    [InlineData("send-longest-text", Faults.ClaimsTooLongTexts, "MaxTextLength must be what the platform accepts")]
    [InlineData("send-reply-buttons", Faults.LosesLastButton, "instead of [Catalog, Order, Call an operator]")]
    [InlineData("send-callback-buttons", Faults.SameDataForEveryButton, "arrived with the same data")]
    [InlineData("send-url-button", Faults.LinksAsCallbacks, "the link button arrived as")]
    [InlineData("send-rate-limited", Faults.SentOnRateLimit, "the channel reported Sent instead of RetryLater")]
    [InlineData("send-rate-limited", Faults.IgnoresRetryAfter, "RetryAfter null")]
    [InlineData("send-server-error", Faults.ThrowsOnServerError, "SendAsync threw HttpRequestException")]
    [InlineData("send-user-blocked", Faults.BlockedAsFailed, "the channel reported Failed (blocked) instead of Unreachable")]
    [InlineData("send-malformed-answer", Faults.SentOnMalformed, "channel reported Sent")]
    [InlineData("send-cancelled", Faults.IgnoresCancellation, "a send with a cancelled token reported Sent")]
    [InlineData("webhook-text", Faults.NoUpdateId, "no UpdateId")]
    [InlineData("webhook-redelivery", Faults.NewUpdateIdEveryDelivery, "got a different UpdateId")]
    [InlineData("webhook-forged", Faults.AcceptsForged, "a forged update was answered 200")]
    [InlineData("webhook-malformed", Faults.ThrowsOnBadJson, "the webhook threw Json")]
    [InlineData("webhook-malformed", Faults.DispatchesEmptyObjects, "malformed requests reached the bot")]
    [InlineData("webhook-button-press", Faults.PressAsText, "arrived as text")]
    [InlineData("webhook-mutated-updates", Faults.TrustsFieldTypes, "the webhook threw InvalidOperationException")]
    [InlineData("webhook-mutated-updates", Faults.AcceptsEmptyUser, "a message with the address mini:")]
    public async Task RunAsync_ChannelWithAFault_FailsThatCheckSayingWhy(string check, Faults fault, string expected)
    {
        await ChannelConformance.RunAsync(check, () => new MiniHarness(Faults.None));

        var failure = await Assert.ThrowsAsync<ChatAssertionException>(() => ChannelConformance.RunAsync(check, () => new MiniHarness(fault)));

        Assert.Contains($"Check '{check}' failed for MiniHarness", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), failure.Message);
    }

    [Fact]
    public async Task RunAsync_CheckThatDoesNotApply_SaysSoInsteadOfPassing()
    {
        var failure = await Assert.ThrowsAsync<ChatAssertionException>(() => ChannelConformance.RunAsync("send-reply-buttons", () => new MiniHarness(Faults.None, ChannelCapabilities.TextOnly)));
        Assert.Contains("does not apply", failure.Message, StringComparison.Ordinal);

        var noWebhook = await Assert.ThrowsAsync<ChatAssertionException>(() => ChannelConformance.RunAsync("webhook-text", () => new MiniHarness(Faults.None) { HasWebhook = false }));
        Assert.Contains("the harness has no webhook", noWebhook.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCheck_Throws_AndTheHarnessIsNotCreated()
    {
        var created = false;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ChannelConformance.RunAsync("send-everything", () =>
        {
            created = true;
            return new MiniHarness(Faults.None);
        }));

        Assert.Contains("send-text", error.Message, StringComparison.Ordinal);
        Assert.False(created);
    }

    [Fact]
    public async Task RunAsync_DisposesTheHarness_AlsoWhenTheCheckFails()
    {
        var harness = new MiniHarness(Faults.DropsMarkup);
        await Assert.ThrowsAsync<ChatAssertionException>(() => ChannelConformance.RunAsync("send-text", () => harness));
        Assert.True(harness.Disposed);
    }

    [Fact]
    public void Checks_AreNamedByKind_AndTogetherCoverSendingAndTheWebhook()
    {
        Assert.All(ChannelConformance.SendChecks, c => Assert.StartsWith("send-", c, StringComparison.Ordinal));
        Assert.All(ChannelConformance.WebhookChecks, c => Assert.StartsWith("webhook-", c, StringComparison.Ordinal));
        Assert.Contains("send-user-blocked", ChannelConformance.SendChecks);
        Assert.Contains("webhook-forged", ChannelConformance.WebhookChecks);
    }

    /// <summary>Mistakes the mini channel can be told to make.</summary>
    public enum Faults
    {
        None,
        DropsMarkup,
        ClaimsTooLongTexts,
        LosesLastButton,
        SameDataForEveryButton,
        LinksAsCallbacks,
        SentOnRateLimit,
        IgnoresRetryAfter,
        ThrowsOnServerError,
        BlockedAsFailed,
        SentOnMalformed,
        IgnoresCancellation,
        NoUpdateId,
        NewUpdateIdEveryDelivery,
        AcceptsForged,
        ThrowsOnBadJson,
        DispatchesEmptyObjects,
        PressAsText,
        TrustsFieldTypes,
        AcceptsEmptyUser,
    }

    /// <summary>
    /// A platform in memory: it accepts texts up to 100 characters and answers sends with a JSON status; its webhook
    /// posts <c>{"id":n,"user":"42","text":…}</c> or <c>{"id":n,"user":"42","data":…}</c> with the secret in a header.
    /// </summary>
    private sealed class MiniHarness(Faults fault, ChannelCapabilities? capabilities = null) : ChannelHarness
    {
        private const string Secret = "s3cret";
        private readonly ConcurrentQueue<PlatformMessage> _received = new();
        private readonly ConcurrentQueue<PlatformFailure> _failures = new();
        private MiniChannel? _channel;
        private MiniWebhook? _webhook;

        public bool HasWebhook { get; init; } = true;

        public Faults Fault => fault;

        public bool Disposed { get; private set; }

        public override IChatChannel Channel => _channel!;

        public override IWebhookHandler? Webhook => HasWebhook ? _webhook : null;

        public override ConversationAddress User { get; } = new(new ChannelId("mini"), "42");

        public override bool PlatformSaysWhenToRetry => true;

        public override ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken)
        {
            _channel = new MiniChannel(this, capabilities ?? new ChannelCapabilities { MaxTextLength = Fault == Faults.ClaimsTooLongTexts ? 200 : 100 });
            _webhook = new MiniWebhook(this, dispatcher);
            return ValueTask.CompletedTask;
        }

        public override IReadOnlyList<PlatformMessage> TakeReceived()
        {
            var taken = new List<PlatformMessage>();
            while (_received.TryDequeue(out var message))
            {
                taken.Add(message);
            }

            return taken;
        }

        public override void FailNextSend(PlatformFailure failure) => _failures.Enqueue(failure);

        public override WebhookRequest TextUpdate(string text, long sequence) => Authentic(JsonSerializer.SerializeToUtf8Bytes(new { id = sequence, user = "42", text }));

        public override WebhookRequest ButtonPress(PlatformButton button, long sequence) => Authentic(JsonSerializer.SerializeToUtf8Bytes(new { id = sequence, user = "42", data = button.Data }));

        public override WebhookRequest Authentic(ReadOnlyMemory<byte> body) => new([new("X-Secret", Secret)], body);

        public override IReadOnlyList<ReadOnlyMemory<byte>> SampleUpdates { get; } =
        [
            JsonSerializer.SerializeToUtf8Bytes(new { id = 1, user = "42", text = "hello" }),
            JsonSerializer.SerializeToUtf8Bytes(new { id = 2, user = "42", data = "cb:size:m" }),
        ];

        public override ReadOnlyMemory<byte> AsNewUpdate(ReadOnlyMemory<byte> sample, long sequence)
        {
            var update = System.Text.Json.Nodes.JsonNode.Parse(sample.Span)!.AsObject();
            update["id"] = sequence;
            return JsonSerializer.SerializeToUtf8Bytes(update);
        }

        public override WebhookRequest Forge(WebhookRequest genuine) => new([new("X-Secret", "guess")], genuine.Body);

        public override ValueTask DisposeAsync()
        {
            Disposed = true;
            return base.DisposeAsync();
        }

        /// <summary>The platform's side of a send: what it answers.</summary>
        private string Answer(string? text, IReadOnlyList<PlatformButton> buttons)
        {
            if (_failures.TryDequeue(out var failure))
            {
                return failure switch
                {
                    PlatformFailure.RateLimited => "{\"ok\":false,\"code\":429,\"retry_after\":3}",
                    PlatformFailure.ServerError => "{\"ok\":false,\"code\":500}",
                    PlatformFailure.UserBlocked => "{\"ok\":false,\"code\":403}",
                    _ => "<html>Bad gateway</html>",
                };
            }

            if (text is { Length: > 100 })
            {
                return "{\"ok\":false,\"code\":400}";
            }

            _received.Enqueue(new PlatformMessage(text, buttons));
            return "{\"ok\":true}";
        }

        private sealed class MiniChannel(MiniHarness platform, ChannelCapabilities capabilities) : IChatChannel
        {
            public ChannelId Id => platform.User.Channel;

            public ChannelCapabilities Capabilities => capabilities;

            public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
            {
                if (platform.Fault != Faults.IgnoresCancellation)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var text = platform.Fault == Faults.DropsMarkup ? delivery.Message.Text?.Replace("<", string.Empty, StringComparison.Ordinal) : delivery.Message.Text;
                var buttons = (delivery.Message.Keyboard?.AllButtons ?? []).Select(b => b.Kind == ButtonKind.Url && platform.Fault != Faults.LinksAsCallbacks
                    ? new PlatformButton(b.Label, Url: b.Url)
                    : new PlatformButton(b.Label, b.Kind == ButtonKind.Reply ? null : platform.Fault == Faults.SameDataForEveryButton ? "cb" : "cb:" + b.EffectivePayload)).ToList();
                if (platform.Fault == Faults.LosesLastButton && buttons.Count > 0)
                {
                    buttons.RemoveAt(buttons.Count - 1);
                }

                var answer = platform.Answer(text, buttons);
                if (!answer.StartsWith('{'))
                {
                    return ValueTask.FromResult(platform.Fault == Faults.SentOnMalformed ? DeliveryResult.Sent() : DeliveryResult.RetryLater("the platform's answer is not JSON"));
                }

                using var json = JsonDocument.Parse(answer);
                if (json.RootElement.GetProperty("ok").GetBoolean())
                {
                    return ValueTask.FromResult(DeliveryResult.Sent());
                }

                var code = json.RootElement.GetProperty("code").GetInt32();
                return ValueTask.FromResult(code switch
                {
                    429 when platform.Fault == Faults.SentOnRateLimit => DeliveryResult.Sent(),
                    429 => DeliveryResult.RetryLater("429", platform.Fault == Faults.IgnoresRetryAfter ? null : TimeSpan.FromSeconds(json.RootElement.GetProperty("retry_after").GetInt32())),
                    500 when platform.Fault == Faults.ThrowsOnServerError => throw new HttpRequestException("500"),
                    500 => DeliveryResult.RetryLater("500"),
                    403 when platform.Fault == Faults.BlockedAsFailed => DeliveryResult.Failed("blocked"),
                    403 => DeliveryResult.Unreachable("blocked"),
                    _ => DeliveryResult.Failed(code.ToString(CultureInfo.InvariantCulture)),
                });
            }

            public object? GetService(Type serviceType) => null;
        }

        private sealed class MiniWebhook(MiniHarness platform, IChatDispatcher dispatcher) : IWebhookHandler
        {
            private int _deliveries;

            private bool WellTyped(JsonElement root) =>
                root.GetProperty("id").ValueKind == JsonValueKind.Number && root.GetProperty("id").TryGetInt64(out _)
                && root.GetProperty("user") is { ValueKind: JsonValueKind.String } user && (user.GetString()!.Length > 0 || platform.Fault == Faults.AcceptsEmptyUser)
                && (root.TryGetProperty("data", out var data)
                    ? data.ValueKind == JsonValueKind.String && data.GetString()!.StartsWith("cb:", StringComparison.Ordinal)
                    : root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String);

            public ChannelId Channel => platform.User.Channel;

            public async ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
            {
                if (request.GetHeader("X-Secret") != Secret && platform.Fault != Faults.AcceptsForged)
                {
                    return WebhookResponse.Text(403, "wrong secret");
                }

                JsonElement root;
                try
                {
                    using var json = JsonDocument.Parse(request.Body);
                    root = json.RootElement.Clone();
                }
                catch (JsonException) when (platform.Fault != Faults.ThrowsOnBadJson)
                {
                    return WebhookResponse.Text(400, "not JSON");
                }

                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || !root.TryGetProperty("user", out var user))
                {
                    if (platform.Fault == Faults.DispatchesEmptyObjects && root.ValueKind == JsonValueKind.Object)
                    {
                        await dispatcher.EnqueueAsync(new IncomingMessage(platform.User, new ChatUser("?"), new TextContent(string.Empty)), cancellationToken);
                    }

                    return WebhookResponse.Ok;
                }

                if (platform.Fault != Faults.TrustsFieldTypes && !WellTyped(root))
                {
                    return WebhookResponse.Text(400, "not an update");
                }

                MessageContent content = root.TryGetProperty("data", out var data)
                    ? platform.Fault == Faults.PressAsText ? new TextContent(data.GetString()!) : new ButtonContent(data.GetString()!["cb:".Length..])
                    : new TextContent(root.GetProperty("text").GetString()!);
                var updateId = platform.Fault switch
                {
                    Faults.NoUpdateId => null,
                    Faults.NewUpdateIdEveryDelivery => Interlocked.Increment(ref _deliveries).ToString(CultureInfo.InvariantCulture),
                    _ => id.GetInt64().ToString(CultureInfo.InvariantCulture),
                };
                var message = new IncomingMessage(new ConversationAddress(Channel, user.GetString()!), new ChatUser(user.GetString()!), content)
                {
                    UpdateId = updateId,
                    Timestamp = DateTimeOffset.UnixEpoch.AddDays(20_000),
                };
                await dispatcher.EnqueueAsync(message, cancellationToken);
                return WebhookResponse.Ok;
            }
        }
    }
}
