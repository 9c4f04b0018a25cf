using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk.Tests.Fakes;

/// <summary>One request the fake VK received.</summary>
internal sealed record RecordedRequest(string HttpMethod, string Path, string? Method, IReadOnlyDictionary<string, string> Form, IReadOnlyDictionary<string, string> Query, string? ContentType, byte[] Body)
{
    public string this[string field] => Form.TryGetValue(field, out var v) ? v : throw new KeyNotFoundException($"{Method} has no field '{field}'");
}

/// <summary>A scripted answer: a body with a status, optionally held until released (a slow server).</summary>
internal sealed record FakeReply(string Body, int Status = 200)
{
    public TaskCompletionSource? Hold { get; init; }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the VK API: form-encoded method calls under /method/,
/// a Long Poll server at /lp, upload servers at /upload/photo and /upload/doc, and files at /files/.
/// It records every request and answers from a script, with sensible defaults (a <c>messages.send</c>
/// longer than VK allows gets error 914, and a repeated <c>random_id</c> is shown once).
/// </summary>
internal sealed class FakeVkServer : IAsyncDisposable
{
    /// <summary>The longest <c>message</c> VK accepts; a longer one is refused with error 914.</summary>
    private const int MaxMessageLength = 9000;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new(StringComparer.Ordinal);
    private readonly Channel<FakeReply> _longPoll = Channel.CreateUnbounded<FakeReply>();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _shown = new();
    private int _messageId = 3000;
    private int _keys;

    private FakeVkServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiUrl => new(BaseUrl, "method/");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Gets the messages VK would show: successful <c>messages.send</c> calls, one per <c>random_id</c> (VK drops repeats).</summary>
    public int DeliveredCount => _delivered.Count;

    public IReadOnlyList<RecordedRequest> Calls(string method) => _requests.Where(r => r.Method == method).ToArray();

    /// <summary>Returns the <c>messages.send</c> calls VK accepted and showed since the last call (a repeated <c>random_id</c> is shown once), oldest first, and forgets them.</summary>
    public IReadOnlyList<RecordedRequest> TakeShown()
    {
        var taken = new List<RecordedRequest>();
        while (_shown.TryDequeue(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    public static async Task<FakeVkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeVkServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Scripts the next answer(s) of an API method (in order); later calls get the default.</summary>
    public void Enqueue(string method, params FakeReply[] replies)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public void Enqueue(string method, string json) => Enqueue(method, new FakeReply(json));

    /// <summary>Queues the answer of the next Long Poll request; a request waits until there is one.</summary>
    public void EnqueueLongPoll(string json, int status = 200) => _longPoll.Writer.TryWrite(new FakeReply(json, status));

    /// <summary>Waits until the recorded requests satisfy <paramref name="condition"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(Requests))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what ?? "a request"}; received: {string.Join(", ", Requests.Select(r => r.Method ?? r.Path))}");
            }
        }
    }

    /// <summary>Like <see cref="WaitForAsync"/>, but answers false instead of failing.</summary>
    public async Task<bool> TryWaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(Requests))
            {
                return true;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                return condition(Requests);
            }
        }
    }

    /// <summary>Moves a fake clock forward in small steps until the condition holds (a receiver waiting out a back-off).</summary>
    public async Task AdvanceUntilAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, Func<IReadOnlyList<RecordedRequest>, bool> condition, string what)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await TryWaitForAsync(condition, TimeSpan.FromMilliseconds(25)))
            {
                return;
            }

            clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail("Timed out advancing the clock until " + what);
    }

    public Task WaitForCallsAsync(string method, int count, TimeSpan? timeout = null) =>
        WaitForAsync(r => r.Count(x => x.Method == method) >= count, timeout, $"{count} × {method}");

    public async ValueTask DisposeAsync()
    {
        _longPoll.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(pair[..at].Replace('+', ' '));
                form[name] = Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
            }
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var path = request.Path.Value ?? "/";
        var method = path.StartsWith("/method/", StringComparison.Ordinal) ? path["/method/".Length..] : null;
        var recorded = new RecordedRequest(request.Method, path, method, form, query, request.ContentType, body);
        _requests.Enqueue(recorded);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        FakeReply reply;
        if (path == "/lp")
        {
            try
            {
                reply = await _longPoll.Reader.ReadAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                return;
            }
        }
        else if (method is not null && _scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            reply = scripted;
        }
        else
        {
            reply = new FakeReply(Default(path, method, recorded));
        }

        if (reply.Hold is { } hold)
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private string Default(string path, string? method, RecordedRequest request)
    {
        var inv = CultureInfo.InvariantCulture;
        var form = request.Form;
        switch (method)
        {
            case "messages.send" when form.TryGetValue("message", out var text) && text.Length > MaxMessageLength:
                return "{\"error\":{\"error_code\":914,\"error_msg\":\"Message is too long\",\"request_params\":[]}}";
            case "messages.send" when form.TryGetValue("peer_ids", out var peers):
                var items = peers.Split(',').Select(p => string.Create(inv, $"{{\"peer_id\":{p},\"message_id\":{Interlocked.Increment(ref _messageId)},\"conversation_message_id\":1}}"));
                return "{\"response\":[" + string.Join(",", items) + "]}";
            case "messages.send":
                int id;
                lock (_delivered)
                {
                    var randomId = form.GetValueOrDefault("random_id", "0");
                    if (!_delivered.TryGetValue(randomId, out id))
                    {
                        id = Interlocked.Increment(ref _messageId);
                        _delivered[randomId] = id;
                        _shown.Enqueue(request);
                    }
                }

                return string.Create(inv, $"{{\"response\":{id}}}");
            case "messages.sendMessageEventAnswer":
                return "{\"response\":1}";
            case "groups.getLongPollServer":
                var key = Interlocked.Increment(ref _keys);
                return string.Create(inv, $"{{\"response\":{{\"key\":\"key{key}\",\"server\":\"{BaseUrl}lp\",\"ts\":\"{1522 + key}\"}}}}");
            case "photos.getMessagesUploadServer":
                return $"{{\"response\":{{\"upload_url\":\"{BaseUrl}upload/photo\",\"album_id\":-3,\"group_id\":229876543}}}}";
            case "photos.saveMessagesPhoto":
                return "{\"response\":[{\"id\":457239017,\"owner_id\":-229876543,\"access_key\":\"ab12cd\",\"sizes\":[]}]}";
            case "docs.getMessagesUploadServer":
                return $"{{\"response\":{{\"upload_url\":\"{BaseUrl}upload/doc\"}}}}";
            case "docs.save":
                return "{\"response\":{\"type\":\"doc\",\"doc\":{\"id\":680012345,\"owner_id\":-229876543,\"title\":\"price.pdf\"}}}";
        }

        return path switch
        {
            "/upload/photo" => "{\"server\":852241,\"photo\":\"[{\\\"markers_restarted\\\":true,\\\"photo\\\":\\\"abc\\\"}]\",\"hash\":\"f00d\"}",
            "/upload/doc" => "{\"file\":\"doc-upload-token\"}",
            _ when path.StartsWith("/files/", StringComparison.Ordinal) => "FAKE-FILE-BYTES",
            _ => "{\"error\":{\"error_code\":3,\"error_msg\":\"Unknown method passed\"}}",
        };
    }
}
