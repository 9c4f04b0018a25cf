using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatFlow.AspNetCore.Tests;

/// <summary>
/// A minimal Bot API on loopback: getUpdates hands out the queued updates once (then none), sendMessage is recorded with
/// the token it came with, every other method answers ok; unknown paths 404.
/// </summary>
internal sealed class FakeBotApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _updates = new();
    private readonly ConcurrentQueue<(string Token, string Text)> _sent = new();

    private FakeBotApi(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.Single());

    public IReadOnlyList<(string Token, string Text)> Sent => [.. _sent];

    public static async Task<FakeBotApi> StartAsync(params string[] updates)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeBotApi(app);
        foreach (var update in updates)
        {
            api._updates.Enqueue(update);
        }

        app.MapPost("/bot{token}/{method}", async (string token, string method, HttpRequest request) =>
        {
            if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
            {
                var batch = new List<string>();
                while (api._updates.TryDequeue(out var update))
                {
                    batch.Add(update);
                }

                return Results.Text("{\"ok\":true,\"result\":[" + string.Join(',', batch) + "]}", "application/json");
            }

            if (!method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text("{\"ok\":true,\"result\":true}", "application/json");
            }

            using var body = await JsonDocument.ParseAsync(request.Body);
            var chat = body.RootElement.GetProperty("chat_id").GetRawText();
            api._sent.Enqueue((token, body.RootElement.GetProperty("text").GetString()!));
            return Results.Text($$$"""{"ok":true,"result":{"message_id":1,"date":1749991234,"chat":{"id":{{{chat}}},"type":"private"},"text":"x"}}""", "application/json");
        });
        await app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
