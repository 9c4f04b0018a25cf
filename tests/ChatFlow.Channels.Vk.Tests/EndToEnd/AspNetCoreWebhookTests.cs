using System.Net;
using System.Text;
using ChatFlow.Channels.Vk.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk.Tests.EndToEnd;

/// <summary>The Callback API endpoint as the package README maps it in ASP.NET Core, called over real HTTP.</summary>
public sealed class AspNetCoreWebhookTests
{
    [Fact]
    public async Task MapPost_ReadmeEndpoint_AnswersVkOverHttp()
    {
        await using var vk = await FakeVkServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddChatFlow().AddScenario(ShopBot.ShopScenario.Create()).AddVk(o =>
        {
            o.AccessToken = VkTestContext.Token;
            o.GroupId = Fixture.GroupId;
            o.ApiBaseUrl = vk.ApiUrl;
            o.Mode = VkReceiveMode.CallbackApi;
            o.CallbackSecret = Fixture.Secret;
            o.ConfirmationCode = "c0nf1rm";
        });
        await using var app = builder.Build();

        // Same code as in src/ChatFlow.Channels.Vk/README.md.
        app.MapPost("/webhooks/vk", async (HttpRequest request, VkWebhookHandler vk, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));
            var answer = await vk.HandleAsync(new WebhookRequest(headers, body.ToArray()), ct);
            return Results.Text(answer.Body ?? "", answer.ContentType, statusCode: answer.StatusCode);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/webhooks/vk");
        using var http = new HttpClient();

        async Task<(HttpStatusCode Status, string Body)> PostAsync(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(address, content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal((HttpStatusCode.OK, "c0nf1rm"), await PostAsync(Fixture.Bytes("callback_confirmation.json")));
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostAsync(Fixture.With("callback_message_new_text.json", ("Привет! Хочу записаться", "/start"))));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Fixture.With("callback_message_deny.json", (Fixture.Secret, "nope")))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Encoding.UTF8.GetBytes("{oops"))).Status);

        await vk.WaitForCallsAsync("messages.send", 1);
        Assert.StartsWith("Hi! Welcome to ChatFlow Shop", vk.Calls("messages.send")[0]["message"], StringComparison.Ordinal);
        await app.StopAsync();
    }
}
