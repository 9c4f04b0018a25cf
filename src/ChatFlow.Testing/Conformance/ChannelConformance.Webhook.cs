using System.Text;

namespace ChatFlow.Testing.Conformance;

/// <content>The checks of a webhook.</content>
public static partial class ChannelConformance
{
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
}
