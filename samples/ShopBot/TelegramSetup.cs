using ChatFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShopBot;

/// <summary>
/// Runs the shop on Telegram when <c>TELEGRAM_BOT_TOKEN</c> is set: by long polling, or by webhook when
/// <c>TELEGRAM_WEBHOOK_URL</c> is set (the public HTTPS address of ShopBot's <c>/webhooks/telegram</c>; the secret
/// header is <c>TELEGRAM_WEBHOOK_SECRET</c>, or a random one per run). Optional: <c>TELEGRAM_API_URL</c> for a
/// self-hosted Bot API server (scheme, host and port only).
/// </summary>
public static class TelegramSetup
{
    /// <summary>Adds the Telegram channel from configuration.</summary>
    /// <param name="flow">The bot's builder.</param>
    /// <param name="configuration">The application's configuration.</param>
    public static void Add(IChatFlowBuilder flow, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        flow.AddTelegram(o =>
        {
            o.BotToken = configuration["TELEGRAM_BOT_TOKEN"]!.Trim();
            o.Mode = ChatFlow.Channels.Telegram.TelegramReceiveMode.LongPolling;
            if (configuration["TELEGRAM_WEBHOOK_URL"] is { Length: > 0 } webhook)
            {
                o.Mode = ChatFlow.Channels.Telegram.TelegramReceiveMode.Webhook;
                o.WebhookUrl = new Uri(webhook);
                o.WebhookSecret = configuration["TELEGRAM_WEBHOOK_SECRET"] is { Length: > 0 } secret
                    ? secret
                    : Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            }

            if (configuration["TELEGRAM_API_URL"] is { Length: > 0 } api)
            {
                o.ApiBaseUrl = new Uri(api);
            }
        });
    }
}
