using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telegram.Bot.Types;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Telegram's webhook endpoint, independent of the web framework: checks the
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header in constant time (401 when missing, 403 when wrong,
/// nothing parsed), rejects bodies that are not an Update (400) or too large (413), hands the update
/// to the bot with <see cref="IChatDispatcher.EnqueueAsync"/> and answers at once. A pressed button is
/// acknowledged in the response body itself (<c>answerCallbackQuery</c>), so the user's progress bar stops
/// without another request.
/// </summary>
public sealed class TelegramWebhookHandler : IWebhookHandler
{
    /// <summary>The header Telegram sends the webhook secret in.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private readonly UpdateProcessor _processor;
    private readonly Func<IChatDispatcher?> _dispatcher;
    private readonly byte[]? _secretHash;

    /// <summary>Creates the handler without a DI container.</summary>
    /// <param name="channel">The channel whose settings (secret, limits) apply.</param>
    /// <param name="dispatcher">Where updates go: the <see cref="ChatBot"/>.</param>
    public TelegramWebhookHandler(TelegramChannel channel, IChatDispatcher dispatcher)
        : this(channel, () => dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        channel.AttachDispatcher(dispatcher);
    }

    internal TelegramWebhookHandler(TelegramChannel channel, Func<IChatDispatcher?> dispatcher, string? botName = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        BotName = botName;
        _processor = new UpdateProcessor(channel);
        _dispatcher = dispatcher;
        _secretHash = channel.Options.WebhookSecret is { } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null;
    }

    /// <inheritdoc />
    public ChannelId Channel => ChannelId.Telegram;

    /// <inheritdoc />
    public string? BotName { get; }

    /// <inheritdoc />
    public async ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = _processor.Channel;
        if (_secretHash is not null)
        {
            var given = request.GetHeader(SecretHeader);
            if (given is null)
            {
                return Reject(401, "the secret header is missing");
            }

            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _secretHash))
            {
                return Reject(403, "the secret header does not match");
            }
        }

        var body = request.Body;
        if (body.Length == 0)
        {
            return Reject(400, "the body is empty");
        }

        if (body.Length > channel.Options.MaxWebhookBodyBytes)
        {
            return Reject(413, $"the body has {body.Length} bytes, more than MaxWebhookBodyBytes ({channel.Options.MaxWebhookBodyBytes})");
        }

        if (!TryParse(body, out var update, out var error))
        {
            return Reject(400, error);
        }

        if (_dispatcher() is not { } dispatcher)
        {
            return Reject(503, "no bot is registered to handle updates");
        }

        try
        {
            var mapped = await _processor.PrepareAsync(update, dispatcher, cancellationToken).ConfigureAwait(false);
            if (mapped.Message is { } message)
            {
                await dispatcher.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
            }

            return mapped.CallbackQueryId is { } callback
                ? WebhookResponse.Json(JsonSerializer.Serialize(new WebhookMethodCall("answerCallbackQuery", callback), TelegramJsonContext.Default.WebhookMethodCall))
                : WebhookResponse.Ok;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The bot is stopping: a non-2xx answer makes Telegram deliver the update again later.
            TelegramLog.DispatchFailed(channel.Logger, ex, update.Id);
            return Reject(503, "the bot is not accepting updates");
        }
    }

    private static bool TryParse(ReadOnlyMemory<byte> body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Update? update, out string error)
    {
        update = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number)
            {
                error = "the body is JSON but not a Telegram Update (no numeric update_id)";
                return false;
            }

            // Whatever the deserializer cannot read is a bad body, never a server error.
            if (!UpdateReader.TryRead(document.RootElement, out update, out var reason))
            {
                error = "the body is not a valid Update: " + reason;
                return false;
            }

            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = "the body is not a valid Update: " + ex.Message;
            return false;
        }
    }

    private WebhookResponse Reject(int status, string reason)
    {
        TelegramLog.WebhookRejected(_processor.Channel.Logger, status, reason);
        return WebhookResponse.Text(status, reason);
    }
}
