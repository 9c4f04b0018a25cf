using ChatFlow;
using Microsoft.Extensions.Configuration;

namespace ShopBot;

/// <summary>Switches on the messenger channels whose settings are present (environment variables or appsettings.json).</summary>
public static class ShopChannels
{
    /// <summary>Adds every configured messenger channel.</summary>
    /// <param name="flow">The bot's builder.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <returns>The names of the channels switched on; empty when none is configured.</returns>
    public static IReadOnlyList<string> AddConfigured(IChatFlowBuilder flow, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuration["TELEGRAM_BOT_TOKEN"]))
        {
            TelegramSetup.Add(flow, configuration);
            enabled.Add(string.IsNullOrWhiteSpace(configuration["TELEGRAM_WEBHOOK_URL"]) ? "Telegram (long polling)" : "Telegram (webhook)");
        }

        if (!string.IsNullOrWhiteSpace(configuration["VIBER_AUTH_TOKEN"]) && !string.IsNullOrWhiteSpace(configuration["VIBER_WEBHOOK_URL"]))
        {
            ViberSetup.Add(flow, configuration);
            enabled.Add("Viber (webhook)");
        }

        if (VkSetup.TryAdd(flow, configuration))
        {
            enabled.Add(string.IsNullOrWhiteSpace(configuration["VK_CONFIRMATION_CODE"]) ? "VK (Long Poll)" : "VK (Callback API)");
        }

        return enabled;
    }
}
