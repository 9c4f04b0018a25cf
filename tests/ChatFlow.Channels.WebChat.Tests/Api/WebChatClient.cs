using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatFlow.Channels.WebChat.Tests.Api;

internal static class WebChatClient
{
    public static async Task<string> IssueAsync(HttpClient client, string basePath = "/webchat")
    {
        using var response = await client.PostAsync(basePath + "/api/visitors", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["token"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, object body, string basePath = "/webchat")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, basePath + "/api/messages") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
