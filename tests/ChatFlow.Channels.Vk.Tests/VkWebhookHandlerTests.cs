using System.Text;
using ChatFlow.Channels.Vk.Tests.Fakes;

namespace ChatFlow.Channels.Vk.Tests;

public sealed class VkWebhookHandlerTests
{
    [Fact]
    public async Task HandleAsync_Confirmation_ReturnsConfirmationCode()
    {
        await using var vk = await VkTestContext.StartAsync();
        var response = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_confirmation.json")), default);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("c0nf1rm", response.Body);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_ConfirmationWithWrongSecret_Is403()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_confirmation.json", (Fixture.Secret, "wrong"));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(403, response.StatusCode);
        Assert.NotEqual("c0nf1rm", response.Body);
    }

    [Fact]
    public async Task HandleAsync_TextMessage_AnswersOkAndDispatches()
    {
        await using var vk = await VkTestContext.StartAsync();
        var response = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json")), default);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", response.Body);
        var message = Assert.Single(vk.Dispatcher.Messages);
        Assert.Equal(new TextContent("Привет! Хочу записаться"), message.Content);
    }

    [Theory]
    [InlineData("Zr7kQ2vX9pLm4Tq9")]
    [InlineData("")]
    [InlineData("Zr7kQ2vX9pLm4Tq8-and-more")]
    public async Task HandleAsync_WrongSecret_Is403AndNothingDispatched(string secret)
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", (Fixture.Secret, secret));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(403, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_MissingSecret_Is403()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", (",\n  \"secret\": \"Zr7kQ2vX9pLm4Tq8\"", string.Empty));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(403, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Theory]
    [InlineData("{\"type\":\"message_new\",")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("{\"type\":\"message_new\"} trailing")]
    public async Task HandleAsync_BadJson_Is400(string body)
    {
        await using var vk = await VkTestContext.StartAsync();
        var response = await vk.Handler.HandleAsync(Fixture.Request(Encoding.UTF8.GetBytes(body)), default);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("secret")]
    [InlineData("text")]
    public async Task HandleAsync_InvalidUtf8_Is400AndNothingDispatched(string where)
    {
        await using var vk = await VkTestContext.StartAsync();
        var (from, to) = where switch
        {
            "name" => ("\"group_id\"", "\"gr\uFFFDup_id\""),
            "secret" => (Fixture.Secret, Fixture.Secret + "\uFFFD"),
            _ => ("Привет! Хочу записаться", "Привет\uFFFD"),
        };
        var body = Fixture.With("callback_message_new_text.json", (from, to));

        // U+FFFD is EF BF BD in UTF-8; C3 28 in its place is not UTF-8 at all.
        var at = body.AsSpan().IndexOf("\uFFFD"u8);
        byte[] invalid = [.. body.AsSpan(0, at), 0xC3, 0x28, .. body.AsSpan(at + 3)];

        var response = await vk.Handler.HandleAsync(Fixture.Request(invalid), default);

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Theory]
    [InlineData("\"type\"", "\"\\ud800\"")]
    [InlineData("\"Zr7kQ2vX9pLm4Tq8\"", "\"Zr7kQ2vX9pLm4Tq8\\udc00\"")]
    [InlineData("\"secret\"", "\"secr\\ud800et\"")]
    public async Task HandleAsync_LoneSurrogateEscapeInTheEnvelope_Is400(string from, string to)
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", (from, to));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_LoneSurrogateEscapeInTheText_IsOkAndSkipped()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", ("Привет! Хочу записаться", "\\ud800"));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task HandleAsync_OversizeBody_Is413()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.MaxCallbackBodyBytes = 4096);
        var padding = new string('x', 5000);
        var body = Fixture.With("callback_message_new_text.json", ("Привет! Хочу записаться", padding));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(413, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_DuplicateEventId_ProcessedOnceBothAnsweredOk()
    {
        await using var vk = await VkTestContext.StartAsync();
        var first = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json")), default);
        var again = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json"), ("X-Retry-Counter", "1")), default);
        Assert.Equal("ok", first.Body);
        Assert.Equal("ok", again.Body);
        Assert.Single(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_UnknownEventType_StillOk()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", ("\"message_new\"", "\"message_typing_state\""));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", response.Body);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_MalformedEventObject_IsOkAndSkipped()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Encoding.UTF8.GetBytes("{\"type\":\"message_new\",\"group_id\":229876543,\"event_id\":\"m1\",\"object\":{\"message\":{\"peer_id\":\"not a number\"}},\"secret\":\"Zr7kQ2vX9pLm4Tq8\"}");
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal("ok", response.Body);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_MessageEvent_DispatchesAndAnswersEveryTime()
    {
        await using var vk = await VkTestContext.StartAsync();
        var response = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_event.json")), default);
        Assert.Equal("ok", response.Body);
        var second = Fixture.With("callback_message_event.json", ("7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b", "0000000000000000000000000000000000000002"), ("b8c3e1f04a27", "c9d4f2a15b38"));
        await vk.Handler.HandleAsync(Fixture.Request(second), default);

        Assert.Equal(2, vk.Dispatcher.Messages.Count);
        var answers = vk.Server.Calls("messages.sendMessageEventAnswer");
        Assert.Equal(2, answers.Count);
        Assert.Equal("b8c3e1f04a27", answers[0]["event_id"]);
        Assert.Equal("512345678", answers[0]["user_id"]);
        Assert.Equal("512345678", answers[0]["peer_id"]);
        Assert.Equal("c9d4f2a15b38", answers[1]["event_id"]);
        Assert.Equal(VkTestContext.Token, answers[0]["access_token"]);
    }

    [Fact]
    public async Task HandleAsync_MessageEventAnswerFails_StillOk()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Server.Enqueue("messages.sendMessageEventAnswer", Fixture.Text("error_6_too_many_requests.json"));
        var response = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_event.json")), default);
        Assert.Equal("ok", response.Body);
        Assert.Single(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_BotRefuses_Is503AndRedeliveryIsProcessed()
    {
        await using var vk = await VkTestContext.StartAsync();
        vk.Dispatcher.Refusal = new ObjectDisposedException("bot");
        var refused = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json")), default);
        Assert.Equal(503, refused.StatusCode);
        vk.Dispatcher.Refusal = null;
        var retried = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json")), default);
        Assert.Equal("ok", retried.Body);
        Assert.Single(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_OtherCommunity_OkAndIgnored()
    {
        await using var vk = await VkTestContext.StartAsync();
        var body = Fixture.With("callback_message_new_text.json", ("229876543", "111"));
        var response = await vk.Handler.HandleAsync(Fixture.Request(body), default);
        Assert.Equal("ok", response.Body);
        Assert.Empty(vk.Dispatcher.Messages);
    }

    [Fact]
    public async Task HandleAsync_LongPollMode_Is404()
    {
        await using var vk = await VkTestContext.StartAsync(o => o.Mode = VkReceiveMode.LongPoll);
        var response = await vk.Handler.HandleAsync(Fixture.Request(Fixture.Bytes("callback_message_new_text.json")), default);
        Assert.Equal(404, response.StatusCode);
        Assert.Empty(vk.Dispatcher.Messages);
    }
}
