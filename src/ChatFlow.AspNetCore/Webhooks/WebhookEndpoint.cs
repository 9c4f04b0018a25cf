using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFlow.AspNetCore;

/// <summary>
/// Serves <c>POST {prefix}/{channel}</c> (the default bot) and <c>POST {prefix}/{bot}/{channel}</c> (a named bot): finds the channel's <see cref="IWebhookHandler"/>, reads the raw body
/// once (refusing it with 413 over the limit), hands headers and exact bytes to the handler and writes its
/// answer back as is. While the host is stopping it answers 503 so the platform delivers the update later.
/// </summary>
internal sealed class WebhookEndpoint
{
    private readonly Dictionary<string, IWebhookHandler> _handlers;
    private readonly IOptions<ChatFlowWebhookOptions> _options;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;

    public WebhookEndpoint(IEnumerable<IWebhookHandler> handlers, IOptions<ChatFlowWebhookOptions> options, IHostApplicationLifetime? lifetime, ILogger logger)
    {
        _handlers = new Dictionary<string, IWebhookHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(Key(handler.BotName, handler.Channel.Value), handler))
            {
                throw new InvalidOperationException(handler.BotName is null
                    ? $"Two webhook handlers are registered for the channel '{handler.Channel}'; register each channel once."
                    : $"Two webhook handlers are registered for the channel '{handler.Channel}' of the bot '{handler.BotName}'; register each channel once per bot.");
            }
        }

        _options = options;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Gets the mapped paths below the prefix: <c>{channel}</c> for the default bot, <c>{bot}/{channel}</c> for a named one.</summary>
    public IEnumerable<string> Channels => _handlers.Keys;

    /// <summary>Gets a value indicating whether a named bot has a webhook (so <c>{prefix}/{bot}/{channel}</c> is mapped).</summary>
    public bool HasNamedBots => _handlers.Values.Any(h => h.BotName is not null);

    public Task HandleAsync(HttpContext context, string channel) => HandleAsync(context, null, channel);

    public async Task HandleAsync(HttpContext context, string? bot, string channel)
    {
        if (!_handlers.TryGetValue(Key(bot, channel), out var handler))
        {
            AspNetCoreLog.UnknownChannel(_logger, Key(bot, channel));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (_lifetime?.ApplicationStopping.IsCancellationRequested == true)
        {
            AspNetCoreLog.Stopping(_logger, handler.Channel.Value);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }

        var limit = _options.Value.MaxBodyBytes;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null)
        {
            AspNetCoreLog.BodyTooLarge(_logger, handler.Channel.Value, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var headers = context.Request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));
        WebhookResponse answer;
        try
        {
            answer = await handler.HandleAsync(new WebhookRequest(headers, body), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            AspNetCoreLog.HandlerFailed(_logger, ex, handler.Channel.Value);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        AspNetCoreLog.Answered(_logger, handler.Channel.Value, answer.StatusCode);
        context.Response.StatusCode = answer.StatusCode;
        if (answer.Body is { } text)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static string Key(string? bot, string channel) => bot is null ? channel : bot + "/" + channel;

    /// <summary>Reads the whole body, or returns null as soon as it is known to exceed <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        // Let the server enforce the limit too (it refuses a declared length and stops a chunked body).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream(declared is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }

                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
