using System.Net;
using System.Text;
using ChatFlow.Channels.Telegram;
using ChatFlow.Channels.Vk;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow.AspNetCore.Tests.Webhooks;

/// <summary>Each channel package's webhook handler reached through <c>MapChatFlow()</c> over real HTTP.</summary>
public sealed class ChannelWebhookTests
{
    // Nothing listens on the discard port: a reply sent by mistake fails at once instead of leaving the machine.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    private static async Task<(TestHost Host, RecordingDispatcher Dispatcher)> StartAsync(Action<IChatFlowBuilder> channels)
    {
        var dispatcher = new RecordingDispatcher();
        var host = await TestHost.StartAsync(s =>
        {
            // Registered before AddChatFlow: the handlers hand updates to this recorder instead of the bot.
            s.AddSingleton<IChatDispatcher>(dispatcher);
            channels(s.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()));
        });
        return (host, dispatcher);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    [Fact]
    public async Task Viber_SignedFixture_SignatureVerifiesOverTheExactBytes()
    {
        const string token = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";
        const string signature = "35e341b0a1beb8b19b54c23e55d4a3291f428d0e384c38ba3f21e72e33870dee";
        var (host, dispatcher) = await StartAsync(f => f.AddViber(o =>
        {
            o.AuthToken = token;
            o.SenderName = "Shop";
            o.ApiBaseUrl = Nowhere;
        }));
        await using var _ = host;
        var body = Fixture.Bytes("viber_signed_body.json");
        Assert.Equal(423, body.Length);

        async Task<HttpStatusCode> PostAsync(byte[] bytes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/viber") { Content = Json(bytes) };
            request.Headers.Add("X-Viber-Content-Signature", signature);
            using var response = await host.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(body));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync([.. body, (byte)'\n']));

        var message = Assert.Single(dispatcher.Messages);
        Assert.Equal(ChannelId.Viber, message.Address.Channel);
        Assert.Equal(new TextContent("Hi! I want to book a haircut"), message.Content);
    }

    [Fact]
    public async Task Telegram_UpdateWithSecret_ReachesHandlerAndForgedSecretIsRefused()
    {
        var (host, dispatcher) = await StartAsync(f => f.AddTelegram(o =>
        {
            o.BotToken = "123456789:TEST-token_abcdefghijklmnopqrstuv";
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = "s3cret_Token-1";
            o.ApiBaseUrl = Nowhere;
        }));
        await using var _ = host;
        var body = Fixture.Bytes("telegram_update_message_text.json");

        async Task<HttpStatusCode> PostAsync(string secret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = Json(body) };
            request.Headers.Add(TelegramWebhookHandler.SecretHeader, secret);
            using var response = await host.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync("s3cret_Token-1"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("forged"));

        var message = Assert.Single(dispatcher.Messages);
        Assert.Equal(ChannelId.Telegram, message.Address.Channel);
        Assert.Equal("873204511", message.UpdateId);
    }

    [Fact]
    public async Task Vk_ConfirmationAndMessage_AnswersWrittenBackAsIs()
    {
        var (host, dispatcher) = await StartAsync(f => f.AddVk(o =>
        {
            o.AccessToken = "vk1.a.TOKEN";
            o.GroupId = 229876543;
            o.Mode = VkReceiveMode.CallbackApi;
            o.CallbackSecret = "Zr7kQ2vX9pLm4Tq8";
            o.ConfirmationCode = "c0nf1rm";
            o.ApiBaseUrl = Nowhere;
        }));
        await using var _ = host;

        using var confirmation = await host.Http.PostAsync("/webhooks/vk", Json(Fixture.Bytes("vk_callback_confirmation.json")));
        using var message = await host.Http.PostAsync("/webhooks/vk", Json(Fixture.Bytes("vk_callback_message_new_text.json")));
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Fixture.Bytes("vk_callback_message_new_text.json")).Replace("Zr7kQ2vX9pLm4Tq8", "nope", StringComparison.Ordinal));
        using var refused = await host.Http.PostAsync("/webhooks/vk", Json(forged));

        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Equal("c0nf1rm", await confirmation.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal("ok", await message.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(new TextContent("Привет! Хочу записаться"), Assert.Single(dispatcher.Messages).Content);
    }
}
