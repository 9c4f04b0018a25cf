using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Telegram.Tests;

/// <summary>One Bot API call the fake received.</summary>
public sealed record RecordedRequest(string Method, string Token, JsonObject Parameters, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>Gets a parameter as text: strings as they are, numbers and objects as JSON.</summary>
    public string? this[string name] => Parameters[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    /// <summary>Gets a parameter parsed as JSON (multipart fields arrive as JSON strings).</summary>
    public JsonNode? Json(string name) => Parameters[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonNode.Parse(v.GetValue<string>()),
        var node => node,
    };

    public long ChatId => long.Parse(this["chat_id"]!, CultureInfo.InvariantCulture);
}

/// <summary>One send the fake accepted: the request and the id of the message it created.</summary>
public sealed record DeliveredMessage(RecordedRequest Request, int MessageId);

/// <summary>A scripted answer to one call.</summary>
public sealed record ScriptedResponse(int Status, string? Body, TimeSpan Delay = default, bool Abort = false, string ContentType = "application/json")
{
    public static ScriptedResponse Error(int code, string description, int? retryAfter = null) => new(code, JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["ok"] = false,
        ["error_code"] = code,
        ["description"] = description,
        ["parameters"] = retryAfter is { } r ? new Dictionary<string, int> { ["retry_after"] = r } : null,
    }));

    public static ScriptedResponse Migrated(long to) => new(400, $$"""{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":{{to}} } }""");

    public static ScriptedResponse Raw(int status, string body, string contentType = "application/json") => new(status, body, ContentType: contentType);

    public static ScriptedResponse Slow(TimeSpan delay) => new(200, null, delay);

    public static ScriptedResponse Drop() => new(0, null, Abort: true);
}

/// <summary>
/// A Bot API server on 127.0.0.1 (dynamic port) for tests: serves <c>/bot&lt;token&gt;/&lt;method&gt;</c>,
/// records every request, answers from a per-method script, and otherwise like Telegram
/// (sendMessage returns a Message, getUpdates long-polls a queue of updates, getMe answers with
/// <see cref="BotUsername"/>, texts and captions over Telegram's limits are refused with its 400).
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456789:TEST-token_abcdefghijklmnopqrstuv";

    /// <summary>Telegram's limit of a message text, in characters.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Telegram's limit of a caption, in characters.</summary>
    public const int MaxCaptionLength = 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _script = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(int Id, JsonNode Update)> _pending = [];
    private readonly SemaphoreSlim _signal = new(0);
    private int _nextMessageId = 5000;
    private int _nextUpdateId = 900_000_000;

    private readonly string _token;

    private FakeBotApi(WebApplication app, string token)
    {
        _app = app;
        _token = token;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets or sets the username getMe answers with, and the sender of the messages the fake creates.</summary>
    public string BotUsername { get; set; } = "chatflow_demo_bot";

    /// <summary>Gets or sets a value indicating whether getUpdates answers at once even when nothing is queued (a proxy that ignores the timeout).</summary>
    public bool IgnoreLongPollTimeout { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Gets the sends the fake accepted (answered ok with a message), oldest first.</summary>
    public IReadOnlyList<DeliveredMessage> Delivered => _delivered.ToArray();

    /// <summary>Starts a fake Bot API on a loopback port that accepts <paramref name="token"/> only.</summary>
    public static async Task<FakeBotApi> StartAsync(string token = Token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var fake = new FakeBotApi(app, token);
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    public IEnumerable<RecordedRequest> Calls(string method) => Requests.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<RecordedRequest> Sends => Requests.Where(r => r.Method.StartsWith("send", StringComparison.OrdinalIgnoreCase));

    /// <summary>Queues answers for the next calls of a method; unscripted calls get the default answer.</summary>
    public void Script(string method, params ScriptedResponse[] responses)
    {
        var queue = _script.GetOrAdd(method, _ => new ConcurrentQueue<ScriptedResponse>());
        foreach (var r in responses)
        {
            queue.Enqueue(r);
        }
    }

    /// <summary>Queues an update for getUpdates; returns its update_id.</summary>
    public int EnqueueUpdate(string json)
    {
        var node = JsonNode.Parse(json)!;
        var id = node["update_id"]!.GetValue<int>();
        lock (_pending)
        {
            _pending.Add((id, node));
        }

        _signal.Release();
        return id;
    }

    public int NextUpdateId() => Interlocked.Increment(ref _nextUpdateId);

    /// <summary>Waits (bounded) until a condition on the recorded requests holds.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} matching request(s); got {found.Count}. Requests: {string.Join(", ", Requests.Select(r => r.Method))}");
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    public Task<RecordedRequest> WaitForAsync(string method, int count = 1) =>
        WaitForAsync(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase), count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signal.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var (parameters, files) = await ReadParametersAsync(context.Request);
        var request = new RecordedRequest(method, token, parameters, files);
        _requests.Enqueue(request);
        if (token != _token)
        {
            await WriteAsync(context, 401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
            return;
        }

        if (_script.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            if (scripted.Abort)
            {
                context.Abort();
                return;
            }

            if (scripted.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(scripted.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (scripted.Body is not null)
            {
                await WriteAsync(context, scripted.Status, scripted.Body, scripted.ContentType);
                return;
            }
        }

        var isSend = method.StartsWith("send", StringComparison.OrdinalIgnoreCase);
        if (isSend && Refusal(request) is { } refusal)
        {
            await WriteAsync(context, 400, JsonSerializer.Serialize(new Dictionary<string, object> { ["ok"] = false, ["error_code"] = 400, ["description"] = refusal }));
            return;
        }

        var result = method.ToLowerInvariant() switch
        {
            "getupdates" => await GetUpdatesAsync(request, context.RequestAborted),
            _ when isSend => SentMessage(request),
            "getme" => Me(),
            _ => "true",
        };
        await WriteAsync(context, 200, "{\"ok\":true,\"result\":" + result + "}");
    }

    private async Task<string> GetUpdatesAsync(RecordedRequest request, CancellationToken aborted)
    {
        var offset = request["offset"] is { } o ? int.Parse(o, CultureInfo.InvariantCulture) : (int?)null;
        var limit = request["limit"] is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 100;
        var timeout = request["timeout"] is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeout));
        while (true)
        {
            lock (_pending)
            {
                if (offset is { } min)
                {
                    _pending.RemoveAll(p => p.Id < min);
                }

                var batch = _pending.OrderBy(p => p.Id).Take(limit).Select(p => p.Update.ToJsonString()).ToList();
                if (batch.Count > 0 || IgnoreLongPollTimeout || timeout == 0)
                {
                    return "[" + string.Join(",", batch) + "]";
                }
            }

            try
            {
                await _signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return "[]";
            }
        }
    }

    /// <summary>Telegram's 400 for a text or caption it does not take; null when the send is acceptable.</summary>
    private static string? Refusal(RecordedRequest request)
    {
        if (string.Equals(request.Method, "sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            var text = request["text"];
            if (string.IsNullOrEmpty(text))
            {
                return "Bad Request: message text is empty";
            }

            if (Characters(text) > MaxTextLength)
            {
                return "Bad Request: message is too long";
            }
        }
        else if (request["caption"] is { } caption && Characters(caption) > MaxCaptionLength)
        {
            return "Bad Request: message caption is too long";
        }

        return null;
    }

    /// <summary>Counts the characters of a text for the limits: Unicode code points (Telegram documents "characters" without naming the unit).</summary>
    private static int Characters(string text) => text.EnumerateRunes().Count();

    private string Me() => $$"""{"id":7012345678,"is_bot":true,"first_name":"ChatFlow Demo","username":{{JsonSerializer.Serialize(BotUsername)}}}""";

    private string SentMessage(RecordedRequest request)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        _delivered.Enqueue(new DeliveredMessage(request, id));
        var chat = request["chat_id"] ?? "0";
        var text = JsonSerializer.Serialize(request["text"] ?? request["caption"] ?? string.Empty);
        return $$"""{"message_id":{{id}},"from":{{Me()}},"chat":{"id":{{chat}},"type":"private"},"date":1749991402,"text":{{text}}}""";
    }

    private static async Task<(JsonObject, Dictionary<string, byte[]>)> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        var files = new Dictionary<string, byte[]>();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms);
                files[file.Name] = ms.ToArray();
            }

            // Like the Bot API, a field may point at an uploaded part: "photo": "attach://0".
            foreach (var (key, value) in form)
            {
                if (value.ToString() is { } text && text.StartsWith("attach://", StringComparison.Ordinal) && files.TryGetValue(text["attach://".Length..], out var data))
                {
                    files[key] = data;
                }
            }
        }
        else if (request.ContentLength is > 0 || request.ContentType is not null)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject json)
            {
                foreach (var (key, value) in json.ToList())
                {
                    json.Remove(key);
                    parameters[key] = value;
                }
            }
        }

        return (parameters, files);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }
}
