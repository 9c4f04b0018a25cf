namespace ChatFlow.Channels.Telegram;

/// <summary>How the Telegram channel receives updates.</summary>
public enum TelegramReceiveMode
{
    /// <summary>
    /// Long polling with <c>getUpdates</c> from a hosted background service. Needs no public URL;
    /// the webhook, if one is set, is deleted first.
    /// </summary>
    LongPolling,

    /// <summary>
    /// Telegram posts updates to a webhook; the host passes each request to
    /// <see cref="TelegramWebhookHandler"/>. The webhook is registered at start-up when
    /// <see cref="TelegramOptions.WebhookUrl"/> is set.
    /// </summary>
    Webhook,

    /// <summary>The channel only sends; updates are fed in by the application itself.</summary>
    SendOnly,
}
