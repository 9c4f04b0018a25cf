using Telegram.Bot.Types.Enums;

namespace ChatFlow.Channels.Telegram;

/// <summary>Settings of the Telegram channel; validated when the channel is created (with DI: at host start-up).</summary>
public sealed class TelegramOptions
{
    /// <summary>Gets the update kinds the channel asks for by default: messages, edits, button presses and block/unblock events.</summary>
    public static IReadOnlyList<UpdateType> DefaultAllowedUpdates { get; } =
        [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    /// <summary>Gets or sets the bot token from @BotFather (<c>123456789:AA…</c>). Never logged.</summary>
    /// <value>The default value is an empty string, which fails validation.</value>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>Gets or sets how updates are received.</summary>
    /// <value>The default value is <see cref="TelegramReceiveMode.LongPolling"/>.</value>
    public TelegramReceiveMode Mode { get; set; } = TelegramReceiveMode.LongPolling;

    /// <summary>
    /// Gets or sets the webhook secret: Telegram sends it in the <c>X-Telegram-Bot-Api-Secret-Token</c> header
    /// of every webhook request, and requests without it are rejected. 1–256 characters of
    /// <c>A-Z a-z 0-9 _ -</c>; required in <see cref="TelegramReceiveMode.Webhook"/> mode. Never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Gets or sets the public HTTPS address of the webhook. When set in webhook mode, the channel calls
    /// <c>setWebhook</c> with it, the secret and <see cref="AllowedUpdates"/> at start-up.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (register the webhook yourself, or call <see cref="TelegramChannel.SetWebhookAsync"/>).</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Gets or sets the bot's username (<c>shop_bot</c> or <c>@shop_bot</c>), as @BotFather shows it. In groups a command
    /// addressed to another bot (<c>/start@other_bot</c>) is not dispatched; this is how the channel knows which name is its own.
    /// When it is not set, the channel asks Telegram (<c>getMe</c>) once when it starts receiving; set it to skip that call.
    /// A wrong value makes the bot ignore group commands addressed to it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the username comes from <c>getMe</c>.</value>
    public string? BotUsername { get; set; }

    /// <summary>Gets or sets the update kinds to receive (<c>allowed_updates</c>).</summary>
    /// <value>The default value is <see cref="DefaultAllowedUpdates"/>.</value>
    public IList<UpdateType> AllowedUpdates { get; set; } = [.. DefaultAllowedUpdates];

    /// <summary>
    /// Gets or sets the Bot API server, for a self-hosted <c>telegram-bot-api</c> server (for example
    /// <c>http://localhost:8081</c>). Only scheme, host and port are used: the server must serve
    /// <c>/bot&lt;token&gt;/&lt;method&gt;</c> at its root.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the public server <c>https://api.telegram.org</c>.</value>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Gets or sets what happens with edited messages.</summary>
    /// <value>The default value is <see cref="TelegramEditedMessages.Ignore"/>.</value>
    public TelegramEditedMessages EditedMessages { get; set; } = TelegramEditedMessages.Ignore;

    /// <summary>Gets or sets how long one <c>getUpdates</c> call waits for updates on the server (long polling).</summary>
    /// <value>The default value is 25 seconds.</value>
    public TimeSpan PollingTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Gets or sets how many updates one <c>getUpdates</c> call returns at most (1–100).</summary>
    /// <value>The default value is 100.</value>
    public int PollingLimit { get; set; } = 100;

    /// <summary>
    /// Gets or sets the shortest time between two polls that returned nothing. A server or proxy that answers
    /// an empty poll at once (ignoring the long-poll timeout) is polled at this pace instead of in a busy loop.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan MinimumPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the first delay after a failed poll; it doubles (with jitter) up to <see cref="PollingMaxRetryDelay"/>.
    /// A failed <c>getMe</c> (see <see cref="BotUsername"/>) is asked again after the same delays.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollingRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between failed polls, and between failed <c>getMe</c> calls.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan PollingMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets a value indicating whether updates waiting on the server are dropped when the webhook is set or deleted at start-up.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DropPendingUpdates { get; set; }

    /// <summary>Gets or sets how long one Bot API call (other than a long poll) may take before it counts as failed and is retried.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how reply text is parsed. With <see cref="ParseMode.None"/> text is sent as typed, so
    /// user-supplied values can never break a message. With <see cref="ParseMode.Html"/> or
    /// <see cref="ParseMode.MarkdownV2"/> every reply is markup: build texts with <see cref="TelegramFormat"/>,
    /// which escapes interpolated values. A reply Telegram cannot parse is sent again as plain text.
    /// </summary>
    /// <value>The default value is <see cref="ParseMode.None"/>.</value>
    public ParseMode ParseMode { get; set; } = ParseMode.None;

    /// <summary>Gets or sets a value indicating whether reply keyboards are sized to their buttons (<c>resize_keyboard</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ResizeKeyboards { get; set; } = true;

    /// <summary>Gets or sets the largest webhook body accepted; larger requests get 413 without being parsed.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets the pacing limits.</summary>
    public TelegramPacingOptions Pacing { get; } = new();

    /// <summary>
    /// Gets or sets code that opens a media attachment as a stream to upload (for example files in a
    /// database or blob store). Return <see langword="null"/> to send the attachment's URL or file id as usual.
    /// <c>file://</c> URLs are always uploaded from the local file.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<MediaAttachment, CancellationToken, ValueTask<Stream?>>? OpenMedia { get; set; }
}
