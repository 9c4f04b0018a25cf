using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace ChatFlow.AspNetCore.Tests.Hosting;

/// <summary>ShopBot's web mode (what <c>dotnet run --project samples/ShopBot</c> starts), on a loopback port.</summary>
public sealed class ShopBotWebHostTests
{
    [Fact]
    public async Task Build_NoMessengerSettings_ServesPageHealthAndWebhookRoute()
    {
        await using var app = ShopBot.ShopWebHost.Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = Assert.Single(app.Urls);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        using var health = await http.GetAsync("/health");
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        using var webhook = await http.PostAsync("/webhooks/telegram", new ByteArrayContent([1]));
        await app.StopAsync();

        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("<script src=\"/webchat/widget.js\"></script>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("chatflow").GetProperty("data").GetProperty("store").GetString());
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
    }

    [Fact]
    public void Build_NoUrlsGiven_ListensOnLocalhost5080()
    {
        Assert.Equal("http://localhost:5080", ShopBot.ShopWebHost.DefaultUrl);
        var app = ShopBot.ShopWebHost.Build([]);
        Assert.Equal("http://localhost:5080", app.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]);
        ((IDisposable)app).Dispose();
    }
}
