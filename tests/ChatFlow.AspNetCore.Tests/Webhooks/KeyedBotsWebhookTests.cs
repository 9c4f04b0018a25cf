using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow.AspNetCore.Tests;

public sealed class KeyedBotsWebhookTests
{
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
}
