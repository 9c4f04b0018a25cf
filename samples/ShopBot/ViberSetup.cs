using ChatFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShopBot;

/// <summary>
/// Runs ShopBot on Viber. The webhook is served by the web host at <c>/webhooks/viber</c> (<c>MapChatFlow()</c>).
/// Viber only calls public HTTPS addresses, so expose ShopBot's port through a tunnel and give the tunnel's
/// address of that path as <c>VIBER_WEBHOOK_URL</c> (for example <c>https://abc.example.net/webhooks/viber</c>);
/// the webhook is registered with Viber once the server listens.
/// </summary>
public static class ViberSetup
{
    /// <summary>Adds the Viber channel.</summary>
    /// <param name="flow">The bot's builder.</param>
    /// <param name="configuration">Reads <c>VIBER_AUTH_TOKEN</c>, <c>VIBER_WEBHOOK_URL</c>, <c>VIBER_SENDER_NAME</c>, <c>VIBER_SENDER_AVATAR</c> and <c>VIBER_API_BASE_URL</c>.</param>
    public static void Add(IChatFlowBuilder flow, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(configuration);
        flow.AddViber(o =>
        {
            o.AuthToken = configuration["VIBER_AUTH_TOKEN"] ?? string.Empty;
            o.WebhookUrl = Url(configuration, "VIBER_WEBHOOK_URL");
            o.SenderName = configuration["VIBER_SENDER_NAME"] ?? "ChatFlow Shop";
            o.SenderAvatar = Url(configuration, "VIBER_SENDER_AVATAR");

            // For a local fake of the Viber API.
            o.ApiBaseUrl = Url(configuration, "VIBER_API_BASE_URL") ?? o.ApiBaseUrl;
        });

        // The sample logs at Information; the HTTP client's per-request lines would drown the bot's.
        flow.Services.AddLogging(b => b.AddFilter("System.Net.Http.HttpClient.ChatFlow.Channels.Viber", LogLevel.Warning));
    }

    private static Uri? Url(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var value when Uri.TryCreate(value, UriKind.Absolute, out var url) => url,
        _ => throw new InvalidOperationException($"{key} must be an absolute URL, such as https://example.com/viber."),
    };
}
