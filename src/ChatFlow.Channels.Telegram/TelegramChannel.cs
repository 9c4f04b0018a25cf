using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// The Telegram channel: sends replies through the Bot API (via Telegram.Bot's client), paced under
/// Telegram's flood limits, and reports the platform's answers as <see cref="DeliveryResult"/>s.
/// Receiving is done by <see cref="TelegramWebhookHandler"/> or by the long-polling service that
/// <c>AddTelegram</c> registers. <see cref="GetService"/> hands out the <see cref="ITelegramBotClient"/>
/// for anything Telegram-specific.
/// </summary>
public sealed class TelegramChannel : IChatChannel
{
    private const int MaxMigrations = 10_000;
    private static readonly ChannelCapabilities TelegramCapabilities = new()
    {
        MaxTextLength = 4096,
        MaxCaptionLength = 1024,
        SupportsReplyKeyboard = true,
        SupportsInlineKeyboard = true,
        SupportsUrlButtons = true,
        SupportsRequestContact = true,
        SupportsRequestLocation = true,
        SupportsMedia = true,
        SupportsEditing = false,
        MaxButtons = 100,
        MaxButtonsPerRow = 8,
        MaxButtonLabelLength = 64,
        MaxButtonPayloadBytes = TelegramMarkup.MaxCallbackDataBytes,
    };

    private readonly TelegramBotClient _client;
    private readonly TelegramPacer _pacer;
    private readonly ConcurrentDictionary<long, long> _migrations = new();
    private Func<IChatDispatcher?> _dispatcher;

    /// <summary>Creates the channel without a DI container.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="httpClient">The HTTP client for Bot API calls; a new one when null. Its timeout must exceed <see cref="TelegramOptions.PollingTimeout"/>.</param>
    /// <param name="timeProvider">The clock for pacing and polling delays; the system clock when null.</param>
    /// <param name="loggerFactory">The logger factory; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public TelegramChannel(TelegramOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient, timeProvider, loggerFactory, static () => null)
    {
    }

    internal TelegramChannel(TelegramOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, Func<IChatDispatcher?> dispatcher)
    {
        TelegramOptionsValidation.ThrowIfInvalid(options);
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("ChatFlow.Channels.Telegram");
        var clientOptions = new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl?.GetLeftPart(UriPartial.Authority))
        {
            // ChatFlow's runtime retries 429s itself (DeliveryResult.RetryLater with retry_after); the client must not retry too.
            RetryThreshold = 0,
            RetryCount = 0,
        };
        _client = new TelegramBotClient(clientOptions, httpClient);
        _pacer = new TelegramPacer(options.Pacing, TimeProvider);
        _dispatcher = dispatcher;
        Identity = new BotIdentity(_client, options, TimeProvider, Logger);
    }

    /// <inheritdoc />
    public ChannelId Id => ChannelId.Telegram;

    /// <summary>Gets Telegram's limits: 4096 characters of text, 1024 of caption, 64-byte callback data, up to 8 buttons a row and 100 a keyboard.</summary>
    public ChannelCapabilities Capabilities => TelegramCapabilities;

    /// <summary>Gets the Bot API client, for anything the channel does not render (polls, invoices, editing, chat administration…).</summary>
    public ITelegramBotClient Client => _client;

    /// <summary>
    /// Gets the bot's username without the <c>@</c>, for links such as <c>https://t.me/{BotUsername}?start=payload</c>:
    /// <see cref="TelegramOptions.BotUsername"/> when it is set, otherwise Telegram's answer to <c>getMe</c>, which the channel
    /// asks when it starts receiving (long polling, or webhook mode) or when a group command first needs it.
    /// </summary>
    /// <value><see langword="null"/> until the username is known. In <see cref="TelegramReceiveMode.SendOnly"/> mode nothing asks
    /// <c>getMe</c> at start: set <see cref="TelegramOptions.BotUsername"/> there.</value>
    public string? BotUsername => Identity.Username;

    internal TelegramOptions Options { get; }

    internal BotIdentity Identity { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal IChatDispatcher? Dispatcher => _dispatcher();

    /// <inheritdoc />
    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType.IsInstanceOfType(_client))
        {
            return _client;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>
    /// Registers the webhook with Telegram (<c>setWebhook</c>) with the configured secret, allowed updates and
    /// <see cref="TelegramOptions.DropPendingUpdates"/>.
    /// </summary>
    /// <param name="url">The public HTTPS address; <see cref="TelegramOptions.WebhookUrl"/> when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Telegram accepted the webhook.</returns>
    /// <exception cref="InvalidOperationException">No URL was given or configured.</exception>
    public async Task SetWebhookAsync(Uri? url = null, CancellationToken cancellationToken = default)
    {
        var target = url ?? Options.WebhookUrl ?? throw new InvalidOperationException("Pass the webhook URL or set TelegramOptions.WebhookUrl.");
        await _client.SetWebhook(
            target.AbsoluteUri,
            allowedUpdates: Options.AllowedUpdates,
            dropPendingUpdates: Options.DropPendingUpdates,
            secretToken: Options.WebhookSecret,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        TelegramLog.WebhookRegistered(Logger, target.Host);
    }

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!long.TryParse(delivery.Address.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return DeliveryResult.Failed("'" + delivery.Address.ChatId + "' is not a Telegram chat id.");
        }

        chatId = CurrentChatId(chatId);
        var parseMode = Options.ParseMode;
        for (var attempt = 0; ; attempt++)
        {
            var method = MethodFor(delivery.Message);
            try
            {
                await _pacer.WaitAsync(chatId, cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Options.RequestTimeout);
                var sent = await SendMessageAsync(chatId, delivery.Message, parseMode, timeout.Token).ConfigureAwait(false);
                return DeliveryResult.Sent(sent?.MessageId.ToString(CultureInfo.InvariantCulture));
            }
            catch (ApiRequestException ex) when (attempt == 0 && ex.Parameters?.MigrateToChatId is long newChatId)
            {
                TelegramLog.ChatMigrated(Logger, chatId, newChatId);
                RememberMigration(chatId, newChatId);
                chatId = newChatId;
            }
            catch (ApiRequestException ex) when (attempt == 0 && ex.ErrorCode == 400 && parseMode != ParseMode.None
                && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
            {
                TelegramLog.MarkupRejected(Logger, method, chatId, ex.Message);
                parseMode = ParseMode.None;
            }
            catch (ApiRequestException ex)
            {
                return await ClassifyAsync(delivery.Address, method, chatId, ex, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestException ex)
            {
                var status = (int?)ex.HttpStatusCode;
                if (status is >= 400 and < 500 and not 408 and not 429)
                {
                    TelegramLog.SendRejected(Logger, method, chatId, status.Value, ex.Message);
                    return DeliveryResult.Failed($"{method}: HTTP {status}: {ex.Message}");
                }

                TelegramLog.SendFailed(Logger, method, chatId, ex.Message);
                return DeliveryResult.RetryLater($"{method}: {ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                TelegramLog.SendFailed(Logger, method, chatId, "timed out");
                return DeliveryResult.RetryLater($"{method}: timed out after {Options.RequestTimeout}");
            }
        }
    }

    /// <summary>Lets receivers created without DI raise lifecycle events through the bot.</summary>
    internal void AttachDispatcher(IChatDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = () => dispatcher;
    }

    /// <summary>Remembers that a group became a supergroup, so later sends go to the new id.</summary>
    internal void RememberMigration(long from, long to)
    {
        if (_migrations.Count >= MaxMigrations)
        {
            _migrations.Clear();
        }

        _migrations[from] = to;
    }

    internal long CurrentChatId(long chatId)
    {
        for (var hops = 0; hops < 4 && _migrations.TryGetValue(chatId, out var next); hops++)
        {
            chatId = next;
        }

        return chatId;
    }

    private static string MethodFor(OutgoingMessage message)
    {
        if (message.Media is not { } media)
        {
            return "sendMessage";
        }

        return media.Kind.Value switch
        {
            "photo" => "sendPhoto",
            "video" => "sendVideo",
            "voice" => "sendVoice",
            "audio" => "sendAudio",
            "sticker" => "sendSticker",
            _ => "sendDocument",
        };
    }

    private async Task<Message?> SendMessageAsync(long chatId, OutgoingMessage message, ParseMode parseMode, CancellationToken ct)
    {
        var text = message.Text;
        var markup = TelegramMarkup.Create(message, Options.ResizeKeyboards, ref text);
        if (Logger.IsEnabled(LogLevel.Trace))
        {
            TelegramLog.SendingText(Logger, chatId, text);
        }

        if (message.Media is { } media)
        {
            return await SendMediaAsync(chatId, media, text, markup, parseMode, ct).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            if (markup is null)
            {
                return null;
            }

            // Telegram needs some text to carry a keyboard; the Hangul filler shows as blank.
            text = "\u3164";
        }

        return await _client.SendMessage(chatId, text, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task<Message> SendMediaAsync(long chatId, MediaAttachment media, string? caption, ReplyMarkup? markup, ParseMode parseMode, CancellationToken ct)
    {
        var stream = await OpenAsync(media, ct).ConfigureAwait(false);
        try
        {
            InputFile file = stream is not null
                ? InputFile.FromStream(stream, media.FileName ?? FileNameOf(media.Source))
                : media.IsFileReference ? InputFile.FromFileId(media.Source) : InputFile.FromUri(media.Source);
            caption = string.IsNullOrEmpty(caption) ? null : caption;
            switch (media.Kind.Value)
            {
                case "photo":
                    return await _client.SendPhoto(chatId, file, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
                case "video":
                    return await _client.SendVideo(chatId, file, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
                case "voice":
                    return await _client.SendVoice(chatId, file, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
                case "audio":
                    return await _client.SendAudio(chatId, file, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
                case "sticker":
                    // Stickers carry no caption: the text follows as a message with the keyboard.
                    var sticker = await _client.SendSticker(chatId, file, replyMarkup: caption is null ? markup : null, cancellationToken: ct).ConfigureAwait(false);
                    return caption is null ? sticker : await _client.SendMessage(chatId, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
                default:
                    return await _client.SendDocument(chatId, file, caption, parseMode, replyMarkup: markup, cancellationToken: ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<Stream?> OpenAsync(MediaAttachment media, CancellationToken ct)
    {
        if (Options.OpenMedia is { } open && await open(media, ct).ConfigureAwait(false) is { } opened)
        {
            return opened;
        }

        if (!media.IsFileReference && Uri.TryCreate(media.Source, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }

        return null;
    }

    private static string FileNameOf(string source)
    {
        var name = Uri.TryCreate(source, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.LocalPath) : Path.GetFileName(source);
        return string.IsNullOrEmpty(name) ? "file" : name;
    }

    private async ValueTask<DeliveryResult> ClassifyAsync(ConversationAddress address, string method, long chatId, ApiRequestException ex, CancellationToken ct)
    {
        var description = ex.Message;
        switch (ex.ErrorCode)
        {
            case 429:
                var retryAfter = ex.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                TelegramLog.RateLimited(Logger, method, chatId, retryAfter);
                return DeliveryResult.RetryLater($"{method}: {description}", retryAfter);
            case 403:
                TelegramLog.Unreachable(Logger, method, chatId, description);
                await RaiseUnreachableAsync(address, chatId, description, ct).ConfigureAwait(false);
                return DeliveryResult.Unreachable($"{method}: {description}");
            case 401 or 404:
                TelegramLog.TokenRejected(Logger, method, ex.ErrorCode, description);
                return DeliveryResult.Failed($"{method}: {description}");
            case 400:
                TelegramLog.SendRejected(Logger, method, chatId, 400, description);
                return DeliveryResult.Failed($"{method}: {description}");
            case >= 500 or 408 or 420:
                TelegramLog.SendFailed(Logger, method, chatId, $"{ex.ErrorCode} {description}");
                return DeliveryResult.RetryLater($"{method}: {description}");
            default:
                TelegramLog.SendRejected(Logger, method, chatId, ex.ErrorCode, description);
                return DeliveryResult.Failed($"{method}: {ex.ErrorCode} {description}");
        }
    }

    /// <summary>
    /// Tells the bot that the chat cannot be reached, as a <see cref="LifecycleEvent.Unreachable"/> message that
    /// scenarios can react to (<c>OnEvent(LifecycleEvent.Unreachable)</c>). Enqueued, never awaited: the send
    /// that found out runs inside the same conversation.
    /// </summary>
    private async ValueTask RaiseUnreachableAsync(ConversationAddress address, long chatId, string description, CancellationToken ct)
    {
        if (Dispatcher is not { } dispatcher)
        {
            return;
        }

        var message = new IncomingMessage(address, new ChatUser(chatId.ToString(CultureInfo.InvariantCulture)), new LifecycleContent(LifecycleEvent.Unreachable) { Context = description })
        {
            Timestamp = TimeProvider.GetUtcNow(),
        };
        try
        {
            await dispatcher.EnqueueAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            TelegramLog.LifecycleNotRaised(Logger, e);
        }
    }
}
