namespace ChatFlow.Testing.Conformance;

/// <content>The checks of sending.</content>
public static partial class ChannelConformance
{
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
}
