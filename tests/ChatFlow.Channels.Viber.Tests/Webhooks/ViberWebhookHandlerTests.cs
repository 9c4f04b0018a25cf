using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatFlow.Channels.Viber.Tests;

public sealed class ViberWebhookHandlerTests
{
    private static readonly string SignedBodySignature = Fixture.Json("signature_example.json")["examples"]![0]!["signature"]!.GetValue<string>();

    [Fact]
    public async Task HandleAsync_SignedFixtureBody_Returns200AndDispatches()
    {
        await using var h = await ViberHarness.StartAsync();
        var request = new WebhookRequest([new("X-Viber-Content-Signature", SignedBodySignature)], Fixture.Bytes("signed_body.json"));

        var response = await h.Handler.HandleAsync(request, CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        var message = Assert.Single(h.Received);
        Assert.Equal(new TextContent("Hi! I want to book a haircut"), message.Content);
    }

    [Fact]
    public async Task HandleAsync_MissingSignature_Returns401AndDispatchesNothing()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.Handler.HandleAsync(new WebhookRequest([], Fixture.Bytes("signed_body.json")), CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(h.Received);
        Assert.Contains(h.LogLines(), l => l.Contains("no X-Viber-Content-Signature header", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_WrongSignature_Returns401()
    {
        await using var h = await ViberHarness.StartAsync();
        var request = ViberHarness.Signed(Fixture.Bytes("signed_body.json"), token: "not-the-bot-token");

        var response = await h.Handler.HandleAsync(request, CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_ReserializedBody_Returns401()
    {
        await using var h = await ViberHarness.StartAsync();
        var original = Fixture.Bytes("signed_body.json");
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(original)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.NotEqual(original, reserialized);

        var response = await h.Handler.HandleAsync(new WebhookRequest([new("X-Viber-Content-Signature", SignedBodySignature)], reserialized), CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_TrailingNewlineAdded_Returns401()
    {
        await using var h = await ViberHarness.StartAsync();
        var body = Fixture.Bytes("signed_body.json").Append((byte)'\n').ToArray();

        var response = await h.Handler.HandleAsync(new WebhookRequest([new("x-viber-content-signature", SignedBodySignature)], body), CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"event\":\"message\",")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task HandleAsync_SignedBadJson_Returns400(string body)
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_SignedJsonWithoutEvent_Returns400()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostAsync("""{"timestamp":1749991234567}""");

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_MessageWithoutSender_Returns400()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostAsync("""{"event":"message","timestamp":1749991234567,"message_token":1,"message":{"type":"text","text":"hi"}}""");

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_OversizeBody_Returns413BeforeCheckingTheSignature()
    {
        await using var h = await ViberHarness.StartAsync(o => o.MaxWebhookBodyBytes = 1024);
        var body = new byte[1025];

        var response = await h.Handler.HandleAsync(new WebhookRequest([], body), CancellationToken.None);

        Assert.Equal(413, response.StatusCode);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_DuplicateDelivery_ProcessedOnce()
    {
        await using var h = await ViberHarness.StartAsync();

        var first = await h.PostFixtureAsync("callback_message_text.json");
        var second = await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Single(h.Received);
        Assert.Single(h.Server.Calls("send_message"));
    }

    [Fact]
    public async Task HandleAsync_DuplicateAfterRestartOfTheHandler_DroppedByTheConversation()
    {
        await using var h = await ViberHarness.StartAsync();
        await h.PostFixtureAsync("callback_message_text.json");
        await h.IdleAsync();
        var restarted = new ViberWebhookHandler(h.Channel, h.Bot);

        var response = await restarted.HandleAsync(ViberHarness.Signed(Fixture.Bytes("callback_message_text.json")), CancellationToken.None);
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Single(h.Received);
        Assert.Single(h.Server.Calls("send_message"));
    }

    [Fact]
    public async Task HandleAsync_SameTokenDifferentEvent_NotADuplicate()
    {
        var receipts = new List<ViberReceipt>();
        await using var h = await ViberHarness.StartAsync(o => o.OnReceipt = (r, _) =>
        {
            lock (receipts)
            {
                receipts.Add(r);
            }

            return ValueTask.CompletedTask;
        });

        await h.PostFixtureAsync("callback_delivered.json");
        await h.PostFixtureAsync("callback_seen.json");
        await h.PostFixtureAsync("callback_seen.json");

        Assert.Equal([ViberReceiptKind.Delivered, ViberReceiptKind.Seen], receipts.Select(r => r.Kind));
    }

    [Fact]
    public async Task HandleAsync_UnknownEvent_Returns200WithoutDispatch()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostAsync("""{"event":"client_status","timestamp":1749991234567,"message_token":5981743627584617299,"user_id":"N1RQJNw0yUPpuV8EnSfSpA=="}""");
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(h.Received);
        Assert.Contains(h.LogLines(), l => l.Contains("client_status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_WebhookCheck_Returns200WithoutDispatch()
    {
        await using var h = await ViberHarness.StartAsync();

        var response = await h.PostFixtureAsync("callback_webhook.json");
        await h.IdleAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Body);
        Assert.Empty(h.Received);
    }

    [Fact]
    public async Task HandleAsync_BotStopped_Returns503AndAcceptsTheRetry()
    {
        await using var h = await ViberHarness.StartAsync();
        await h.Bot.DisposeAsync();

        var response = await h.PostFixtureAsync("callback_message_text.json");
        var again = await h.PostFixtureAsync("callback_message_text.json");

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(503, again.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_AnyRequest_NeverLogsTheToken()
    {
        await using var h = await ViberHarness.StartAsync();
        await h.Handler.HandleAsync(ViberHarness.Signed(Fixture.Bytes("signed_body.json"), "wrong"), CancellationToken.None);
        foreach (var name in Fixture.Callbacks())
        {
            await h.PostFixtureAsync(name);
        }

        await h.IdleAsync();

        Assert.NotEmpty(h.LogLines());
        Assert.DoesNotContain(h.LogLines(), l => l.Contains(FakeViberServer.Token, StringComparison.Ordinal));
    }
}
