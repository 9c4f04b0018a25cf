using System.Net;
using ChatFlow.Channels.Telegram;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow.AspNetCore.Tests;

public sealed class KeyedBotsWebhookTests
{
    private const string SalesToken = "222222222:SALES-token_abcdefghijklmnopqrstu";
    private const string SupportToken = "333333333:SUPPO-token_abcdefghijklmnopqrstu";
    private const string SalesSecret = "sales_Secret-1";
    private const string SupportSecret = "support_Secret-2";

    [Fact]
    public async Task MapChatFlow_NamedBots_RoutesEachWebhookToItsBotsHandler()
    {
        var main = new RecordingHandler("telegram");
        var sales = new RecordingHandler("telegram", botName: "sales");
        var support = new RecordingHandler("telegram", botName: "support");
        await using var host = await TestHost.StartAsync(s => s
            .AddSingleton<IWebhookHandler>(main)
            .AddSingleton<IWebhookHandler>(sales)
            .AddSingleton<IWebhookHandler>(support));

        Assert.Equal(200, (int)(await host.Http.PostAsync("/webhooks/telegram", new StringContent("m"))).StatusCode);
        Assert.Equal(200, (int)(await host.Http.PostAsync("/webhooks/sales/telegram", new StringContent("s"))).StatusCode);
        Assert.Equal(200, (int)(await host.Http.PostAsync("/webhooks/SUPPORT/telegram", new StringContent("u"))).StatusCode);
        Assert.Equal(404, (int)(await host.Http.PostAsync("/webhooks/nobody/telegram", new StringContent("x"))).StatusCode);

        Assert.Equal("m", System.Text.Encoding.UTF8.GetString(Assert.Single(main.Requests).Body.Span));
        Assert.Equal("s", System.Text.Encoding.UTF8.GetString(Assert.Single(sales.Requests).Body.Span));
        Assert.Equal("u", System.Text.Encoding.UTF8.GetString(Assert.Single(support.Requests).Body.Span));
    }

    [Fact]
    public async Task TwoTelegramBots_WebhooksAtTheirOwnPaths_EachBotAnswersWithItsOwnToken()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var host = await TestHost.StartAsync(s =>
        {
            void Telegram(TelegramOptions o, string token, string secret)
            {
                o.BotToken = token;
                o.Mode = TelegramReceiveMode.Webhook;
                o.WebhookSecret = secret;
                o.ApiBaseUrl = api.Url;
            }

            s.AddChatFlow("sales").AddScenario(Greets("sales", "Sales here")).AddTelegram(o => Telegram(o, SalesToken, SalesSecret));
            s.AddChatFlow("support").AddScenario(Greets("support", "Support here")).AddTelegram(o => Telegram(o, SupportToken, SupportSecret));
        });

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(host, "/webhooks/sales/telegram", SupportSecret, updateId: 1));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(host, "/webhooks/telegram", SalesSecret, updateId: 2));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, "/webhooks/sales/telegram", SalesSecret, updateId: 3));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, "/webhooks/support/telegram", SupportSecret, updateId: 4));

        await Fixture.EventuallyAsync(() => api.Sent.Count == 2, "both bots to answer");
        var byToken = api.Sent.ToDictionary(m => m.Token, m => m.Text);
        Assert.Equal("Sales here", byToken[SalesToken]);
        Assert.Equal("Support here", byToken[SupportToken]);
        var address = new ConversationAddress(ChannelId.Telegram, "412345678");
        Assert.Equal("sales", (await host.Services.GetRequiredKeyedService<ChatBot>("sales").GetConversationAsync(address))!.Scenario);
        Assert.Equal("support", (await host.Services.GetRequiredKeyedService<ChatBot>("support").GetConversationAsync(address))!.Scenario);
    }

    private static Scenario Greets(string name, string text) => Scenario.Define(name, s => s.Step("home").Say(text).OnText("again").Say(text).Stay());

    private static async Task<HttpStatusCode> PostAsync(TestHost host, string path, string secret, long updateId)
    {
        var update = System.Text.Encoding.UTF8.GetString(Fixture.Bytes("telegram_update_message_text.json")).Replace("873204511", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(update, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(TelegramWebhookHandler.SecretHeader, secret);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}
