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

    [Fact]
    public async Task SupportBot_BadFeedback_ReachesTheOperatorDesk_AnswerAndReturnReachTheVisitor()
    {
        await using var app = ShopBot.ShopWebHost.Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(app.Urls)), Timeout = TimeSpan.FromSeconds(30) };
        var shopVisitor = await NewVisitorAsync(http, "/webchat");
        var visitor = await NewVisitorAsync(http, "/webchat/support");

        // The two bots do not share visitors.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, "/webchat/support", shopVisitor, new { text = "/start" })).StatusCode);

        Assert.True((await SendAsync(http, "/webchat/support", visitor, new { text = "/start" })).IsSuccessStatusCode);
        await EventuallyContainsAsync(http, "/webchat/support", visitor, "ChatFlow Shop support");
        Assert.True((await SendAsync(http, "/webchat/support", visitor, new { payload = "Feedback", label = "Feedback" })).IsSuccessStatusCode);
        await EventuallyContainsAsync(http, "/webchat/support", visitor, "How was your last order?");
        Assert.True((await SendAsync(http, "/webchat/support", visitor, new { payload = "Bad", label = "Bad" })).IsSuccessStatusCode);
        await EventuallyContainsAsync(http, "/webchat/support", visitor, "An operator will write to you here");

        JsonElement conversation = default;
        await Fixture.EventuallyAsync(
            () =>
            {
                using var desk = JsonDocument.Parse(http.GetStringAsync("/operator/api/conversations").GetAwaiter().GetResult());
                conversation = desk.RootElement.EnumerateArray().FirstOrDefault().Clone();
                return conversation.ValueKind == JsonValueKind.Object;
            },
            "the hand-off to reach the operator desk");
        Assert.Equal("support", conversation.GetProperty("bot").GetString());
        Assert.Equal("webchat", conversation.GetProperty("channel").GetString());
        Assert.Equal("bad feedback", conversation.GetProperty("reason").GetString());
        var id = conversation.GetProperty("id").GetInt32();

        // While with the operator the bot keeps quiet; the user's words reach the desk.
        Assert.True((await SendAsync(http, "/webchat/support", visitor, new { text = "The beans were stale" })).IsSuccessStatusCode);
        await Fixture.EventuallyAsync(() => http.GetStringAsync("/operator/api/conversations").GetAwaiter().GetResult().Contains("The beans were stale", StringComparison.Ordinal), "the user's message to reach the desk");

        using var answer = await http.PostAsync($"/operator/api/conversations/{id}/messages", JsonContent(new { text = "Hello, this is Maria. We'll send fresh beans today." }));
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        await EventuallyContainsAsync(http, "/webchat/support", visitor, "Hello, this is Maria.");
        using var empty = await http.PostAsync($"/operator/api/conversations/{id}/messages", JsonContent(new { text = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        using var back = await http.PostAsync($"/operator/api/conversations/{id}/return", JsonContent(new { }));
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        await Fixture.EventuallyAsync(() => CountOf(HistoryAsync(http, "/webchat/support", visitor).GetAwaiter().GetResult(), "What do you need?") == 2, "the bot to greet again");
        Assert.Equal("[]", await http.GetStringAsync("/operator/api/conversations"));
        using var gone = await http.PostAsync($"/operator/api/conversations/{id}/return", JsonContent(new { }));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // The shop bot's own web chat was untouched by all this.
        Assert.DoesNotContain("support", await HistoryAsync(http, "/webchat", shopVisitor), StringComparison.Ordinal);
        await app.StopAsync();
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<string> NewVisitorAsync(HttpClient http, string basePath)
    {
        using var response = await http.PostAsync(basePath + "/api/visitors", null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string basePath, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, basePath + "/api/messages") { Content = JsonContent(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>The visitor's history as the event stream replays it, up to its "ready" event.</summary>
    private static async Task<string> HistoryAsync(HttpClient http, string basePath, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, basePath + "/api/events?after=0");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var history = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line != "event: ready")
        {
            history.AppendLine(line);
        }

        return history.ToString();
    }

    private static Task EventuallyContainsAsync(HttpClient http, string basePath, string token, string text) =>
        Fixture.EventuallyAsync(() => HistoryAsync(http, basePath, token).GetAwaiter().GetResult().Contains(text, StringComparison.Ordinal), $"\"{text}\" in the web chat");

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
