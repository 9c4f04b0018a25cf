using ChatFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShopBot;

/// <summary>
/// Runs the shop on Telegram by long polling when <c>TELEGRAM_BOT_TOKEN</c> is set. Optional:
/// <c>TELEGRAM_API_URL</c> for a self-hosted Bot API server (scheme, host and port only).
/// Webhook mode needs an HTTP host; see the package README for wiring <c>TelegramWebhookHandler</c>.
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
            if (configuration["TELEGRAM_API_URL"] is { Length: > 0 } api)
            {
                o.ApiBaseUrl = new Uri(api);
            }
        });
    }
}
