using System.Globalization;
using ChatFlow;
using ChatFlow.Channels.Vk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShopBot;

/// <summary>
/// Switches the VK channel on when <c>VK_TOKEN</c> and <c>VK_GROUP_ID</c> are set: Bots Long Poll, or the Callback API
/// at ShopBot's <c>/webhooks/vk</c> when <c>VK_CONFIRMATION_CODE</c> and <c>VK_CALLBACK_SECRET</c> are set.
/// </summary>
public static class VkSetup
{
    /// <summary>Adds the VK channel if it is configured.</summary>
    /// <param name="flow">The bot's builder.</param>
    /// <param name="configuration">The application's configuration (environment variables included).</param>
    /// <returns><see langword="true"/> when the channel was added.</returns>
    public static bool TryAdd(IChatFlowBuilder flow, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration["VK_TOKEN"];
        var group = configuration["VK_GROUP_ID"];
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(group))
        {
            return false;
        }

        flow.AddVk(o =>
        {
            o.AccessToken = token;
            o.GroupId = long.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
            o.Mode = VkReceiveMode.LongPoll;
            if (configuration["VK_CONFIRMATION_CODE"] is { Length: > 0 } confirmation)
            {
                o.Mode = VkReceiveMode.CallbackApi;
                o.ConfirmationCode = confirmation;
                o.CallbackSecret = configuration["VK_CALLBACK_SECRET"];
            }

            o.ButtonColor = b => b.Label switch
            {
                "Order" or "Yes" => VkButtonColor.Positive,
                "Cancel" => VkButtonColor.Negative,
                _ => null,
            };
        });
        return true;
    }
}
