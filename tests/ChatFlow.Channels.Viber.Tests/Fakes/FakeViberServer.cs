using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Viber.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a dynamic port) that speaks the Viber REST API:
/// <c>/pa/send_message</c>, <c>/pa/broadcast_message</c>, <c>/pa/set_webhook</c> and
/// <c>/pa/get_account_info</c>. It checks <c>X-Viber-Auth-Token</c> against its bot's token (status 2 otherwise), records
/// every request with the answer it got, and answers from a per-method script, or with success. It also serves file
/// sizes under <c>/media/</c> for HEAD requests.
/// </summary>
internal sealed class FakeViberServer : IAsyncDisposable
{
    public const string Token = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _script = new(StringComparer.Ordinal);
    private long _nextToken = 5981744381726847811;

    private FakeViberServer(WebApplication app, string token)
    {
        _app = app;
        BotToken = token;
    }

    /// <summary>Gets the auth token of the bot this server serves.</summary>
    public string BotToken { get; }

    public Uri Root { get; private set; } = null!;

    public Uri ApiBaseUrl => new(Root, "pa/");

    /// <summary>Gets the sizes of the files served under <c>/media/</c>, by path.</summary>
    public ConcurrentDictionary<string, long> Files { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a server for the bot with <paramref name="token"/> (<see cref="Token"/> when not given).</summary>
    public static async Task<FakeViberServer> StartAsync(string token = Token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeViberServer(app, token);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Makes the next calls of <paramref name="method"/> answer with these replies, in order.</summary>
    public void Enqueue(string method, params FakeReply[] replies)
    {
        var queue = _script.GetOrAdd(method, _ => new ConcurrentQueue<FakeReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public IReadOnlyList<RecordedRequest> Calls(string method) => Requests.Where(r => r.ApiMethod == method).ToArray();

    /// <summary>Waits (bounded) until at least <paramref name="count"/> calls of <paramref name="method"/> arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForCallsAsync(string method, int count, int timeoutSeconds = 10)
    {
        await Poll.UntilAsync(() => Calls(method).Count >= count, $"{count} call(s) of {method}", timeoutSeconds);
        return Calls(method);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", headers, buffer.ToArray());
        _requests.Enqueue(request);

        if (request.Path.StartsWith("/media/", StringComparison.Ordinal))
        {
            if (Files.TryGetValue(request.Path, out var size))
            {
                context.Response.ContentLength = size;
                context.Response.ContentType = "application/octet-stream";
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            return;
        }

        if (!request.Path.StartsWith("/pa/", StringComparison.Ordinal) || request.HttpMethod != "POST")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (request.Header(ViberApiClient.AuthHeader) != BotToken)
        {
            request.Answer = FakeReply.Status(2, "invalidAuthToken");
            await request.Answer.WriteAsync(context);
            return;
        }

        var reply = _script.TryGetValue(request.ApiMethod, out var queue) && queue.TryDequeue(out var scripted) ? scripted : Default(request);
        request.Answer = reply;
        await reply.WriteAsync(context);
    }

    private FakeReply Default(RecordedRequest request)
    {
        var token = Interlocked.Increment(ref _nextToken);
        return request.ApiMethod switch
        {
            "send_message" => FakeReply.Json($$"""{"status":0,"status_message":"ok","message_token":{{token}},"chat_hostname":"SN-CHAT-05_"}"""),
            "broadcast_message" => FakeReply.Json($$"""{"status":0,"status_message":"ok","message_token":{{token}},"failed_list":[]}"""),
            "set_webhook" => FakeReply.Json(new JsonObject
            {
                ["status"] = 0,
                ["status_message"] = "ok",
                ["chat_hostname"] = "SN-CHAT-07_",
                ["event_types"] = request.Json["event_types"]?.DeepClone(),
            }.ToJsonString()),
            "get_account_info" => FakeReply.Json("""{"status":0,"status_message":"ok","id":"pa:5981738357613576704","name":"ChatFlow Demo","uri":"chatflowdemo","subscribers_count":2}"""),
            _ => FakeReply.Status(3, "badData"),
        };
    }
}
