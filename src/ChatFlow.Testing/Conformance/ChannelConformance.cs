using System.Globalization;

namespace ChatFlow.Testing.Conformance;

/// <summary>
/// The channel conformance kit: checks every channel adapter must pass, run against a <see cref="ChannelHarness"/>.
/// Each check makes a fresh harness, starts it, runs, and disposes it; a failed check throws
/// <see cref="ChatAssertionException"/> saying what the channel did instead. Works with any test framework, for example
/// with xUnit: <c>[Theory, MemberData(...)] public Task Conforms(string check) => ChannelConformance.RunAsync(check, () => new MyHarness());</c>
/// with the data taken from <see cref="SendChecks"/> and, for channels with a webhook, <see cref="WebhookChecks"/>.
/// </summary>
public static partial class ChannelConformance
{
    private const string Sample = "Hello, Anna! <b>5 & 6</b> *not bold* _x_ [y](z) 🙂 Привет\nsecond line";

    private static readonly Dictionary<string, Func<Run, Task>> Checks = new(StringComparer.Ordinal)
    {
        ["send-text"] = SendTextAsync,
        ["send-longest-text"] = SendLongestTextAsync,
        ["send-reply-buttons"] = SendReplyButtonsAsync,
        ["send-callback-buttons"] = SendCallbackButtonsAsync,
        ["send-url-button"] = SendUrlButtonAsync,
        ["send-rate-limited"] = run => SendFailingAsync(run, PlatformFailure.RateLimited, DeliveryStatus.RetryLater),
        ["send-server-error"] = run => SendFailingAsync(run, PlatformFailure.ServerError, DeliveryStatus.RetryLater),
        ["send-user-blocked"] = run => SendFailingAsync(run, PlatformFailure.UserBlocked, DeliveryStatus.Unreachable),
        ["send-malformed-answer"] = run => SendFailingAsync(run, PlatformFailure.MalformedAnswer, null),
        ["send-cancelled"] = SendCancelledAsync,
        ["webhook-text"] = WebhookTextAsync,
        ["webhook-redelivery"] = WebhookRedeliveryAsync,
        ["webhook-forged"] = WebhookForgedAsync,
        ["webhook-malformed"] = WebhookMalformedAsync,
        ["webhook-button-press"] = WebhookButtonPressAsync,
        ["webhook-mutated-updates"] = WebhookMutatedUpdatesAsync,
    };

    /// <summary>Gets the names of the checks of sending: text intact, buttons, failures mapped to results, cancellation.</summary>
    public static IReadOnlyList<string> SendChecks { get; } = [.. Checks.Keys.Where(k => k.StartsWith("send-", StringComparison.Ordinal))];

    /// <summary>
    /// Gets the names of the checks of a webhook: genuine updates mapped, redeliveries recognisable, forged and malformed
    /// requests refused, button presses round-tripped, and (<c>webhook-mutated-updates</c>, which needs
    /// <see cref="ChannelHarness.SampleUpdates"/>) thousands of variants of real updates survived.
    /// </summary>
    public static IReadOnlyList<string> WebhookChecks { get; } = [.. Checks.Keys.Where(k => k.StartsWith("webhook-", StringComparison.Ordinal))];

    /// <summary>Runs one check against a fresh harness.</summary>
    /// <param name="check">A name from <see cref="SendChecks"/> or <see cref="WebhookChecks"/>.</param>
    /// <param name="createHarness">Makes a harness that has not been started.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that fails with <see cref="ChatAssertionException"/> when the channel does not conform.</returns>
    public static async Task RunAsync(string check, Func<ChannelHarness> createHarness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(createHarness);
        if (!Checks.TryGetValue(check, out var body))
        {
            throw new ArgumentException($"There is no check '{check}'. Checks: {string.Join(", ", Checks.Keys)}.", nameof(check));
        }

        var harness = createHarness();
        await using (harness.ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(check == "webhook-mutated-updates" ? 300 : 30));
            var dispatcher = new RecordingDispatcher();
            await harness.StartAsync(dispatcher, timeout.Token).ConfigureAwait(false);
            await body(new Run(harness, dispatcher, check, timeout.Token)).ConfigureAwait(false);
        }
    }

    private static async Task<PlatformMessage> SendCallbackAsync(Run run, string payload)
    {
        run.Applies(run.Harness.Channel.Capabilities.SupportsInlineKeyboard, "the channel has no buttons under a message (SupportsInlineKeyboard is false)");
        var keyboard = new Keyboard([[Button.Callback("Size M", payload), Button.Callback("Size L", "size:l")]], inline: true);
        var result = await run.SendAsync(new OutgoingMessage("Which size?", keyboard)).ConfigureAwait(false);
        run.Expect(result.Status == DeliveryStatus.Sent, $"a message with callback buttons was not sent: {Describe(result)}");
        var received = run.Single();
        run.Expect(received.Buttons.Select(b => b.Label).SequenceEqual(["Size M", "Size L"]), $"the platform got the buttons [{Labels(received)}] instead of [Size M, Size L]");
        return received;
    }

    private static string Describe(DeliveryResult result) => result.Error is null ? result.Status.ToString() : $"{result.Status} ({result.Error})";

    private static string Labels(PlatformMessage message) => string.Join(", ", message.Buttons.Select(b => b.Label));

    private static string Quote(string? text) => text is null ? "null" : "\"" + (text.Length > 80 ? text[..80] + "…" : text) + "\"";

    /// <summary>One check's run: the harness, what reached the bot, and helpers that fail with the check's name.</summary>
    private sealed class Run(ChannelHarness harness, RecordingDispatcher dispatcher, string check, CancellationToken token)
    {
        private int _sends;

        public ChannelHarness Harness { get; } = harness;

        public RecordingDispatcher Dispatcher { get; } = dispatcher;

        public CancellationToken Token { get; } = token;

        public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message)
        {
            var key = "conformance-" + check + "-" + Interlocked.Increment(ref _sends).ToString(CultureInfo.InvariantCulture);
            return Harness.Channel.SendAsync(new OutgoingDelivery(Harness.User, message, key), Token);
        }

        public PlatformMessage Single()
        {
            var received = Harness.TakeReceived();
            Expect(received.Count == 1, $"the platform got {received.Count} messages instead of 1");
            return received[0];
        }

        public IWebhookHandler Webhook()
        {
            Applies(Harness.Webhook is not null, "the harness has no webhook (ChannelHarness.Webhook is null)");
            return Harness.Webhook!;
        }

        public async Task<WebhookResponse> PostAsync(IWebhookHandler webhook, WebhookRequest request)
        {
            try
            {
                return await webhook.HandleAsync(request, Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw Fail($"the webhook threw {ex.GetType().Name}: it must answer with a status instead", ex);
            }
        }

        public void Applies(bool condition, string why)
        {
            if (!condition)
            {
                throw new ChatAssertionException($"Check '{check}' does not apply: {why}. Leave it out of this channel's list.");
            }
        }

        public void Expect(bool condition, string failure)
        {
            if (!condition)
            {
                throw Fail(failure);
            }
        }

        public ChatAssertionException Fail(string failure, Exception? inner = null) => inner is null
            ? new ChatAssertionException($"Check '{check}' failed for {Harness.GetType().Name}: {failure}.")
            : new ChatAssertionException($"Check '{check}' failed for {Harness.GetType().Name}: {failure}.", inner);
    }

    /// <summary>Waits for what the channel hands to the bot, failing the check with its name.</summary>
    private static class Dispatched
    {
        public static async Task<IncomingMessage> SingleAsync(Run run)
        {
            await WaitAsync(run, _ => true).ConfigureAwait(false);

            // A second message would come from the same request; give it the moment the first one took.
            await Task.Delay(50, run.Token).ConfigureAwait(false);
            var messages = run.Dispatcher.Messages;
            run.Expect(messages.Count == 1, $"one update was handed to the bot {messages.Count} times");
            return messages[0];
        }

        public static async Task WaitAsync(Run run, Func<IncomingMessage, bool> condition)
        {
            try
            {
                await run.Dispatcher.WaitForAsync(condition, run.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw run.Fail("the update never reached the bot");
            }
        }

        public static async Task NothingAsync(Run run, string what)
        {
            await Task.Delay(100, run.Token).ConfigureAwait(false);
            run.Expect(run.Dispatcher.Messages.Count == 0, $"{what} reached the bot: {string.Join("; ", run.Dispatcher.Messages)}");
        }
    }
}
