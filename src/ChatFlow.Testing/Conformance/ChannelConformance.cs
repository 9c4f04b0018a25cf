using System.Globalization;
using System.Text;

namespace ChatFlow.Testing.Conformance;

/// <summary>
/// The channel conformance kit: checks every channel adapter must pass, run against a <see cref="ChannelHarness"/>.
/// Each check makes a fresh harness, starts it, runs, and disposes it; a failed check throws
/// <see cref="ChatAssertionException"/> saying what the channel did instead. Works with any test framework, for example
/// with xUnit: <c>[Theory, MemberData(...)] public Task Conforms(string check) => ChannelConformance.RunAsync(check, () => new MyHarness());</c>
/// with the data taken from <see cref="SendChecks"/> and, for channels with a webhook, <see cref="WebhookChecks"/>.
/// </summary>
public static class ChannelConformance
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

    private static async Task SendTextAsync(Run run)
    {
        var result = await run.SendAsync(new OutgoingMessage(Sample)).ConfigureAwait(false);
        run.Expect(result.Status == DeliveryStatus.Sent, $"a plain text was not sent: {Describe(result)}");
        var received = run.Single();
        run.Expect(received.Text == Sample, $"the platform got the text {Quote(received.Text)} instead of {Quote(Sample)}: markup characters must be sent literally and nothing may be lost");
    }

    private static async Task SendLongestTextAsync(Run run)
    {
        var max = run.Harness.Channel.Capabilities.MaxTextLength;
        var chars = new char[max];
        for (var i = 0; i < max; i++)
        {
            chars[i] = i % 10 == 9 ? ' ' : (char)('а' + (i % 32));
        }

        chars[max - 1] = '.';
        var sent = new string(chars);
        var result = await run.SendAsync(new OutgoingMessage(sent)).ConfigureAwait(false);
        run.Expect(result.Status == DeliveryStatus.Sent, $"a text of MaxTextLength ({max}) characters was not sent ({Describe(result)}); MaxTextLength must be what the platform accepts");
        var received = run.Single();
        run.Expect(received.Text == sent, $"a text of MaxTextLength ({max}) characters arrived changed ({received.Text?.Length} characters); MaxTextLength must be what the platform accepts");
    }

    private static async Task SendReplyButtonsAsync(Run run)
    {
        run.Applies(run.Harness.Channel.Capabilities.SupportsReplyKeyboard, "the channel has no reply keyboard (SupportsReplyKeyboard is false)");
        var keyboard = new Keyboard([[Button.Reply("Catalog"), Button.Reply("Order")], [Button.Reply("Call an operator")]]);
        var result = await run.SendAsync(new OutgoingMessage("Pick one", keyboard)).ConfigureAwait(false);
        run.Expect(result.Status == DeliveryStatus.Sent, $"a message with a reply keyboard was not sent: {Describe(result)}");
        var received = run.Single();
        run.Expect(received.Buttons.Select(b => b.Label).SequenceEqual(["Catalog", "Order", "Call an operator"]), $"the platform got the buttons [{Labels(received)}] instead of [Catalog, Order, Call an operator]");
    }

    private static async Task SendCallbackButtonsAsync(Run run)
    {
        var received = await SendCallbackAsync(run, "size:m").ConfigureAwait(false);
        run.Expect(received.Buttons.Count == 2 && received.Buttons.All(b => !string.IsNullOrEmpty(b.Data)), $"callback buttons arrived without data to send back: [{Labels(received)}]");
        run.Expect(received.Buttons[0].Data != received.Buttons[1].Data, "two callback buttons with different payloads arrived with the same data");
    }

    private static async Task SendUrlButtonAsync(Run run)
    {
        run.Applies(run.Harness.Channel.Capabilities.SupportsUrlButtons, "the channel has no link buttons (SupportsUrlButtons is false)");
        const string url = "https://shop.example/catalog?item=42&size=m";
        var result = await run.SendAsync(new OutgoingMessage("Our catalog", new Keyboard([[Button.Link("Open the catalog", url)]], inline: true))).ConfigureAwait(false);
        run.Expect(result.Status == DeliveryStatus.Sent, $"a message with a link button was not sent: {Describe(result)}");
        var button = run.Single().Buttons.SingleOrDefault();
        run.Expect(button is { Label: "Open the catalog", Url: url }, $"the link button arrived as {button?.ToString() ?? "nothing"}");
    }

    private static async Task SendFailingAsync(Run run, PlatformFailure failure, DeliveryStatus? expected)
    {
        run.Harness.FailNextSend(failure);
        DeliveryResult result;
        try
        {
            result = await run.SendAsync(new OutgoingMessage("Your order is on its way")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw run.Fail($"SendAsync threw {ex.GetType().Name} when the platform answered {failure}: a channel reports failures as a DeliveryResult", ex);
        }

        if (expected is { } status)
        {
            run.Expect(result.Status == status, $"the platform answered {failure} and the channel reported {Describe(result)} instead of {status}");
        }
        else
        {
            run.Expect(result.Status != DeliveryStatus.Sent, $"the platform answered {failure} and the channel reported Sent");
        }

        run.Expect(result.Status == DeliveryStatus.Sent || !string.IsNullOrWhiteSpace(result.Error), $"the {result.Status} result for {failure} says nothing about why (Error is empty)");
        if (failure == PlatformFailure.RateLimited && run.Harness.PlatformSaysWhenToRetry)
        {
            run.Expect(result.RetryAfter >= ChannelHarness.RateLimitRetryAfter, $"the platform asked to retry after {ChannelHarness.RateLimitRetryAfter.TotalSeconds} s and the channel reported RetryAfter {result.RetryAfter?.ToString() ?? "null"}");
        }

        // The failure is over: the next send goes through.
        var next = await run.SendAsync(new OutgoingMessage("Second try")).ConfigureAwait(false);
        run.Expect(next.Status == DeliveryStatus.Sent, $"after one {failure} answer the next send was not sent: {Describe(next)}");
        run.Expect(run.Harness.TakeReceived().Any(m => m.Text == "Second try"), "after one failure the next message did not reach the platform");
    }

    private static async Task SendCancelledAsync(Run run)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        DeliveryResult? result = null;
        try
        {
            result = await run.Harness.Channel.SendAsync(new OutgoingDelivery(run.Harness.User, new OutgoingMessage("Never mind"), "conformance-cancelled"), cancelled.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        run.Expect(result is null || result.Value.Status != DeliveryStatus.Sent, "a send with a cancelled token reported Sent");
        run.Expect(run.Harness.TakeReceived().Count == 0, "a send with a cancelled token reached the platform");
    }

    private static async Task WebhookTextAsync(Run run)
    {
        var webhook = run.Webhook();
        var response = await run.PostAsync(webhook, run.Harness.TextUpdate("Hello 🙂 <b>", 1)).ConfigureAwait(false);
        run.Expect(response.StatusCode is >= 200 and < 300, $"a genuine text update was answered {response.StatusCode}");
        var message = await Dispatched.SingleAsync(run).ConfigureAwait(false);
        run.Expect(message.Address == run.Harness.User, $"the update was addressed to {message.Address} instead of {run.Harness.User}");
        run.Expect(message.Address.Channel == run.Harness.Channel.Id && webhook.Channel == run.Harness.Channel.Id, $"the channel id of the message ({message.Address.Channel}), the webhook ({webhook.Channel}) and the channel ({run.Harness.Channel.Id}) differ");
        run.Expect(message.Content is TextContent { Text: "Hello 🙂 <b>" }, $"the text arrived as {message.Content}: {Quote(message.Text)}");
        run.Expect(!string.IsNullOrEmpty(message.UpdateId), "the message has no UpdateId, so the runtime cannot drop redeliveries");
        run.Expect(message.Timestamp != default, "the message has no Timestamp");
        run.Expect(!string.IsNullOrEmpty(message.Sender.Id), "the message has no sender id");
    }

    private static async Task WebhookRedeliveryAsync(Run run)
    {
        var webhook = run.Webhook();
        var first = run.Harness.TextUpdate("one", 1);
        foreach (var request in new[] { first, first, run.Harness.TextUpdate("two", 2) })
        {
            var response = await run.PostAsync(webhook, request).ConfigureAwait(false);
            run.Expect(response.StatusCode is >= 200 and < 300, $"a genuine update (or its redelivery) was answered {response.StatusCode}: a platform redelivers what it did not get 200 for");
        }

        await Dispatched.WaitAsync(run, m => m.Text == "two").ConfigureAwait(false);
        var ones = run.Dispatcher.Messages.Where(m => m.Text == "one").ToList();
        var two = run.Dispatcher.Messages.Single(m => m.Text == "two");
        run.Expect(ones.Count is 1 or 2, $"one update delivered twice was handed to the bot {ones.Count} times");
        run.Expect(ones.Select(m => m.UpdateId).Distinct().Count() == 1, "a redelivered update got a different UpdateId, so the runtime would process it twice");
        run.Expect(ones[0].UpdateId != two.UpdateId, "two different updates got the same UpdateId, so the runtime would drop the second");
    }

    private static async Task WebhookForgedAsync(Run run)
    {
        var webhook = run.Webhook();
        var response = await run.PostAsync(webhook, run.Harness.Forge(run.Harness.TextUpdate("transfer everything", 1))).ConfigureAwait(false);
        run.Expect(response.StatusCode is 401 or 403, $"a forged update was answered {response.StatusCode} instead of 401 or 403");
        await Dispatched.NothingAsync(run, "a forged update").ConfigureAwait(false);
    }

    private static async Task WebhookMalformedAsync(Run run)
    {
        var webhook = run.Webhook();
        var random = new Random(20261125);
        var noise = new byte[257];
        random.NextBytes(noise);
        var bodies = new (string Name, byte[] Body)[]
        {
            ("an empty body", []),
            ("a cut JSON object", "{\"update_id\":"u8.ToArray()),
            ("JSON null", "null"u8.ToArray()),
            ("a JSON array", "[1,2,3]"u8.ToArray()),
            ("an empty JSON object", "{}"u8.ToArray()),
            ("a JSON string", "\"hello\""u8.ToArray()),
            ("an unknown update kind", "{\"type\":\"unknown_kind\",\"event\":\"unknown_kind\",\"update_id\":7,\"unknown_kind\":{\"x\":1}}"u8.ToArray()),
            ("random bytes", noise),
            ("invalid UTF-8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]),
            ("deeply nested JSON", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        };
        foreach (var (name, body) in bodies)
        {
            WebhookResponse response;
            try
            {
                response = await webhook.HandleAsync(run.Harness.Authentic(body), run.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw run.Fail($"the webhook threw {ex.GetType().Name} for {name}: bad input gets an error status, never an exception", ex);
            }

            run.Expect(response.StatusCode is >= 200 and < 500, $"the webhook answered {response.StatusCode} for {name}: bad input is the sender's fault (4xx) or ignored (2xx), not a server error");
        }

        await Dispatched.NothingAsync(run, "malformed requests").ConfigureAwait(false);
    }

    private static async Task WebhookButtonPressAsync(Run run)
    {
        var webhook = run.Webhook();
        const string payload = "size:m";
        var received = await SendCallbackAsync(run, payload).ConfigureAwait(false);
        var response = await run.PostAsync(webhook, run.Harness.ButtonPress(received.Buttons[0], 1)).ConfigureAwait(false);
        run.Expect(response.StatusCode is >= 200 and < 300, $"a genuine button press was answered {response.StatusCode}");
        var message = await Dispatched.SingleAsync(run).ConfigureAwait(false);
        run.Expect(message.Address == run.Harness.User, $"the press was addressed to {message.Address} instead of {run.Harness.User}");
        run.Expect(message.Content is ButtonContent { Payload: payload }, $"pressing the button sent with payload \"{payload}\" arrived as {message.Content} {Quote((message.Content as ButtonContent)?.Payload)}");
        run.Expect(!string.IsNullOrEmpty(message.UpdateId), "the press has no UpdateId, so the runtime cannot drop redeliveries");
    }

    private static async Task WebhookMutatedUpdatesAsync(Run run)
    {
        var webhook = run.Webhook();
        var samples = run.Harness.SampleUpdates;
        run.Applies(samples.Count > 0, "the harness gives no SampleUpdates");
        var variants = 0;
        long sequence = 1_000_000;
        foreach (var sample in samples)
        {
            foreach (var (change, body) in JsonMutations.Of(_ => run.Harness.AsNewUpdate(sample, ++sequence)))
            {
                variants++;
                var before = run.Dispatcher.Messages.Count;
                WebhookResponse response;
                try
                {
                    response = await webhook.HandleAsync(run.Harness.Authentic(body), run.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !run.Token.IsCancellationRequested)
                {
                    throw run.Fail($"the webhook threw {ex.GetType().Name} ({ex.Message}) for an update whose {change}", ex);
                }

                run.Expect(response.StatusCode is >= 200 and < 500, $"the webhook answered {response.StatusCode} for an update whose {change}: bad input gets a 4xx or is ignored, never a 5xx (the platform would redeliver it forever)");
                foreach (var message in run.Dispatcher.Messages.Skip(before))
                {
                    if (Problem(message, run.Harness.Channel.Id) is { } problem)
                    {
                        throw run.Fail($"for an update whose {change} the bot got a message with {problem}: drop or refuse such updates instead");
                    }
                }
            }
        }

        run.Expect(variants > 0, "the sample updates gave no variants (are they JSON objects?)");

        // What a channel hands over later than its answer is checked too, though without the change that caused it.
        await Task.Delay(100, run.Token).ConfigureAwait(false);
        foreach (var message in run.Dispatcher.Messages)
        {
            if (Problem(message, run.Harness.Channel.Id) is { } problem)
            {
                throw run.Fail($"a variant of a sample update gave the bot a message with {problem}: drop or refuse such updates instead");
            }
        }
    }

    /// <summary>What is wrong with a message the runtime or a scenario would trip over; null when nothing is.</summary>
    private static string? Problem(IncomingMessage message, ChannelId channel)
    {
        if (message.Address.Channel != channel || string.IsNullOrEmpty(message.Address.ChatId))
        {
            return $"the address {message.Address}";
        }

        if (message.Sender is null || string.IsNullOrEmpty(message.Sender.Id))
        {
            return "no sender id";
        }

        return message.Content switch
        {
            null => "no content",
            TextContent { Text: null } => "a null text",
            CommandContent { Name: null or "" } => "a command without a name",
            ButtonContent { Payload: null } => "a button press without a payload",
            ContactContent { PhoneNumber: null or "" } => "a contact without a phone number",
            LocationContent l when double.IsNaN(l.Latitude) || double.IsNaN(l.Longitude) || Math.Abs(l.Latitude) > 90 || Math.Abs(l.Longitude) > 180 => $"a location at {l.Latitude}, {l.Longitude}",
            MediaContent { FileReference: null or "" } => "media without a file reference",
            _ => null,
        };
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
