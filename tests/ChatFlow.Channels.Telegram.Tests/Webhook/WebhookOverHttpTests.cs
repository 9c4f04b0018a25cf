using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>The README's minimal-API wiring of the webhook handler, run in a real Kestrel host.</summary>
public sealed class WebhookOverHttpTests
{
    private const string Secret = "http_Secret-7";

    [Fact]
    public async Task MinimalApiEndpoint_PostedUpdate_IsAcknowledgedAndAnswered()
    {
        await using var api = await FakeBotApi.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddChatFlow().AddScenario(Scenario.Define("t", s =>
        {
            s.Always().OnCommand("ping").Say("pong").Stay();
            s.Step("home").Say("Home").OnText("home").Stay();
        })).AddTelegram(o =>
        {
            TestSupport.Apply(api, o);
            o.Mode = TelegramReceiveMode.Webhook;
            o.WebhookSecret = Secret;
        });
        await using var app = builder.Build();

        // The snippet from the package README.
        app.MapPost("/webhooks/telegram", async (HttpRequest http, TelegramWebhookHandler handler, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await http.Body.CopyToAsync(body, ct);
            var request = new WebhookRequest(http.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), body.ToArray());
            var response = await handler.HandleAsync(request, ct);
            return Results.Content(response.Body ?? "", response.ContentType, statusCode: response.StatusCode);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var forged = new StringContent(TestSupport.TextUpdate(1, TestSupport.AnnaId, "/ping"), Encoding.UTF8, "application/json");
        var rejected = await client.PostAsync(new Uri("/webhooks/telegram", UriKind.Relative), forged);
        using var genuine = new StringContent(TestSupport.TextUpdate(2, TestSupport.AnnaId, "/ping"), Encoding.UTF8, "application/json");
        genuine.Headers.Add(TelegramWebhookHandler.SecretHeader, Secret);
        var accepted = await client.PostAsync(new Uri("/webhooks/telegram", UriKind.Relative), genuine);
        var reply = await api.WaitForAsync("sendMessage");
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("pong", reply["text"]);
        Assert.Single(api.Calls("sendMessage"));
    }
}
