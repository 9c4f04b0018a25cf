using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatFlow.Channels.WebChat.Conversations;
using ChatFlow.Channels.WebChat.Telemetry;
using ChatFlow.Channels.WebChat.Visitors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Api;

/// <summary>
/// The HTTP handlers of one bot's web chat: visitors, messages, the event stream, the widget's files.
/// The bot's dispatcher is found lazily (through the delegate), because the bot depends on its channels, this one among them.
/// </summary>
internal sealed class WebChatApi(
    WebChatStore store,
    VisitorTokens tokens,
    IOptions<WebChatOptions> options,
    Func<IChatDispatcher?> dispatcher,
    IHostApplicationLifetime? lifetime,
    ILogger logger)
{
    private const int MaxClientIdLength = 64;

    private readonly NewVisitorLimiter _newVisitors = new(options.Value.MaxNewVisitorsPerMinute, store.Time);

    private WebChatOptions Options => options.Value;

    public async Task IssueVisitorAsync(HttpContext context)
    {
        if (!_newVisitors.TryTake(context.Connection.RemoteIpAddress, out var retryAfter))
        {
            Log.TooManyNewVisitors(logger, retryAfter);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var error = new ErrorResponse("too_many_visitors", $"Too many new chats were started from your network. Try again in {seconds} s.") { RetryAfterSeconds = seconds };
            await ErrorAsync(context, StatusCodes.Status429TooManyRequests, error).ConfigureAwait(false);
            return;
        }

        Log.VisitorIssued(logger);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new VisitorResponse(tokens.Issue()), WebChatJson.Default.VisitorResponse).ConfigureAwait(false);
    }

    public async Task SessionAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } visitor)
        {
            return;
        }

        var response = new SessionResponse(store.Find(visitor)?.LastId ?? 0, Options.MaxMessageLength, Options.Title);
        await WriteJsonAsync(context, StatusCodes.Status200OK, response, WebChatJson.Default.SessionResponse).ConfigureAwait(false);
    }

    public async Task SendAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } visitor)
        {
            return;
        }

        var request = await ReadRequestAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // A callback button sends its payload (and label); a reply button its label alone; typed text its text.
        // Presses are held to the limits of the buttons the channel sends, typed text to MaxMessageLength.
        var isCallback = !string.IsNullOrEmpty(request.Payload);
        var isPress = isCallback || (request.Text is null && !string.IsNullOrEmpty(request.Label));
        var text = isPress ? (request.Label ?? request.Payload!) : request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("empty", "Type a message first.")).ConfigureAwait(false);
            return;
        }

        if (isPress)
        {
            var limits = WebChatChannel.Limits;
            if ((request.Label?.Length ?? 0) > limits.MaxButtonLabelLength
                || (isCallback && Encoding.UTF8.GetByteCount(request.Payload!) > limits.MaxButtonPayloadBytes))
            {
                var error = $"This button is too long: at most {limits.MaxButtonLabelLength} characters of label and {limits.MaxButtonPayloadBytes} bytes of data.";
                await ErrorAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("too_long", error)).ConfigureAwait(false);
                return;
            }
        }
        else if (text.Length > Options.MaxMessageLength)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("too_long", $"Your message is too long: at most {Options.MaxMessageLength} characters.") { MaxLength = Options.MaxMessageLength }).ConfigureAwait(false);
            return;
        }

        if (request.ClientId is { Length: > MaxClientIdLength })
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("bad_request", "The message id is too long.")).ConfigureAwait(false);
            return;
        }

        var log = store.Get(visitor);
        var now = store.Time.GetUtcNow();
        if (!log.TryTakeRate(now, Options.MaxMessagesPerWindow, Options.RateLimitWindow, out var retryAfter))
        {
            Log.RateLimited(logger, visitor, retryAfter);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, StatusCodes.Status429TooManyRequests, new ErrorResponse("too_fast", $"You are sending messages too fast. Try again in {seconds} s.") { RetryAfterSeconds = seconds }).ConfigureAwait(false);
            return;
        }

        var entryId = store.AppendVisitorMessage(visitor, text, request.ClientId, out var added);
        if (!added)
        {
            // The same message posted again (a retry after a lost response): it was dispatched already.
            Log.Repeated(logger, entryId, visitor);
            await WriteJsonAsync(context, StatusCodes.Status200OK, new SendResponse(entryId, "duplicate"), WebChatJson.Default.SendResponse).ConfigureAwait(false);
            return;
        }

        MessageContent content = isCallback
            ? new ButtonContent(request.Payload!, request.Label)
            : CommandContent.TryParse(text, out var command) ? command : new TextContent(text);
        var message = new IncomingMessage(new ConversationAddress(ChannelId.WebChat, visitor), new ChatUser(visitor), content)
        {
            UpdateId = request.ClientId is null ? null : visitor + ":" + request.ClientId,
            MessageId = entryId.ToString(CultureInfo.InvariantCulture),
            Timestamp = now,
        };

        var bot = dispatcher() ?? throw new InvalidOperationException("The web chat's bot is not registered.");
        var result = await bot.DispatchAsync(message, context.RequestAborted).ConfigureAwait(false);
        var status = result.Status.ToString().ToLowerInvariant();
        await WriteJsonAsync(context, StatusCodes.Status200OK, new SendResponse(entryId, status), WebChatJson.Default.SendResponse).ConfigureAwait(false);
    }

    public async Task EventsAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context).ConfigureAwait(false) is not { } visitor)
        {
            return;
        }

        var after = ResumeFrom(context.Request);

        // While the stream is open the visitor's log stays in memory: replies always reach it.
        var log = store.OpenStream(visitor);
        try
        {
            Log.StreamOpened(logger, visitor, after);
            await StreamAsync(context, log, after).ConfigureAwait(false);
        }
        finally
        {
            log.CloseStream(store.Time.GetUtcNow());
        }
    }

    private async Task StreamAsync(HttpContext context, VisitorLog log, long after)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var expiry = new CancellationTokenSource(Options.MaxStreamDuration, store.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime?.ApplicationStopping ?? CancellationToken.None, expiry.Token);
        var token = stop.Token;
        try
        {
            await response.WriteAsync("retry: 2000\n\n", token).ConfigureAwait(false);
            var first = true;
            while (!token.IsCancellationRequested)
            {
                var entries = log.After(after, out var changed, out var lastId);
                var text = new StringBuilder();
                foreach (var entry in entries)
                {
                    text.Append("id: ").Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
                        .Append("data: ").Append(JsonSerializer.Serialize(entry, WebChatJson.Default.WebChatEntry)).Append("\n\n");
                    after = entry.Id;
                }

                if (first)
                {
                    // The log's newest id (0 while it is empty), not the id the client resumed from: after a restart
                    // the log may be new and empty while the widget still shows the old conversation.
                    var ready = new SessionResponse(lastId, Options.MaxMessageLength, Options.Title);
                    text.Append("event: ready\ndata: ").Append(JsonSerializer.Serialize(ready, WebChatJson.Default.SessionResponse)).Append("\n\n");
                    first = false;
                }

                if (text.Length > 0)
                {
                    await response.WriteAsync(text.ToString(), token).ConfigureAwait(false);
                    await response.Body.FlushAsync(token).ConfigureAwait(false);
                }

                try
                {
                    await changed.WaitAsync(Options.HeartbeatInterval, store.Time, token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await response.WriteAsync(": ping\n\n", token).ConfigureAwait(false);
                    await response.Body.FlushAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The visitor left, the host is stopping or the stream reached its age limit; the browser
            // reconnects and resumes from the last id it saw (Last-Event-ID).
        }
    }

    public static async Task ServeResourceAsync(HttpContext context, string name, string contentType)
    {
        var stream = typeof(WebChatApi).Assembly.GetManifestResourceStream("ChatFlow.Channels.WebChat." + name)
            ?? throw new InvalidOperationException("Missing embedded resource " + name);
        await using (stream.ConfigureAwait(false))
        {
            context.Response.ContentType = contentType;
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static long ResumeFrom(HttpRequest request)
    {
        // EventSource sends Last-Event-ID itself when it reconnects; a fresh page passes ?after=.
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            raw = request.Query["after"].ToString();
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    private async Task<string?> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : context.Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            Log.Refused(logger, context.Request.Path, "no visitor token");
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, new ErrorResponse("no_token", "This chat needs a visitor token.")).ConfigureAwait(false);
            return null;
        }

        if (tokens.Verify(token) is { } visitor)
        {
            return visitor;
        }

        Log.Refused(logger, context.Request.Path, "invalid visitor token");
        await ErrorAsync(context, StatusCodes.Status403Forbidden, new ErrorResponse("bad_token", "This chat session is not valid. Start a new chat.")).ConfigureAwait(false);
        return null;
    }

    private async Task<SendRequest?> ReadRequestAsync(HttpContext context)
    {
        // Room for the longest allowed text, or a button's longest label and payload, even written as JSON
        // escapes (6 bytes a UTF-16 unit), plus the JSON around it.
        var limits = WebChatChannel.Limits;
        var limit = (Math.Max(Options.MaxMessageLength, limits.MaxButtonLabelLength + limits.MaxButtonPayloadBytes) * 8L) + 1024;
        if (context.Request.ContentLength > limit)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, new ErrorResponse("too_long", $"Your message is too long: at most {Options.MaxMessageLength} characters.") { MaxLength = Options.MaxMessageLength }).ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, new ErrorResponse("too_long", $"Your message is too long: at most {Options.MaxMessageLength} characters.") { MaxLength = Options.MaxMessageLength }).ConfigureAwait(false);
                return null;
            }
        }

        try
        {
            var request = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), WebChatJson.Default.SendRequest);
            if (request is not null)
            {
                return request;
            }
        }
        catch (JsonException)
        {
        }

        await ErrorAsync(context, StatusCodes.Status400BadRequest, new ErrorResponse("bad_request", "The message could not be read.")).ConfigureAwait(false);
        return null;
    }

    private static Task ErrorAsync(HttpContext context, int status, ErrorResponse error) =>
        WriteJsonAsync(context, status, error, WebChatJson.Default.ErrorResponse);

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted).ConfigureAwait(false);
    }
}
