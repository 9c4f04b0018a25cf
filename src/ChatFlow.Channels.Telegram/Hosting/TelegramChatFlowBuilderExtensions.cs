using ChatFlow;
using ChatFlow.Channels.Telegram;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Telegram channel to a ChatFlow bot.</summary>
public static class TelegramChatFlowBuilderExtensions
{
    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> the channel uses (configure it with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "ChatFlow.Telegram";

    /// <summary>
    /// Adds the Telegram channel: the <see cref="TelegramChannel"/> that sends replies, the
    /// <see cref="TelegramWebhookHandler"/> (also as <see cref="IWebhookHandler"/>), and a hosted service that
    /// long-polls in <see cref="TelegramReceiveMode.LongPolling"/> mode or registers the webhook in
    /// <see cref="TelegramReceiveMode.Webhook"/> mode (also registered as <see cref="IChannelReceiver"/> for health checks). Settings are validated when the host starts.
    /// Calling it again adds further configuration to the same channel.
    /// On the builder of a named bot (<c>services.AddChatFlow("support")</c>) the options are named after the bot
    /// (<c>services.Configure&lt;TelegramOptions&gt;("support", …)</c>), the channel and handler are keyed services under
    /// that name, and the receiver and webhook handler hand updates to that bot only (its webhook is mapped at
    /// <c>/webhooks/support/telegram</c>); several bots can each have their own Telegram token this way.
    /// </summary>
    /// <param name="builder">The bot's builder from <c>services.AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the token, the mode and the other <see cref="TelegramOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddTelegram(this IChatFlowBuilder builder, Action<TelegramOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        // One path for every bot: the default bot's services are keyed by null, which is the same as not keyed.
        var name = builder.Name;
        services.AddOptions<TelegramOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());

        // The token is part of every Bot API URL: keep the factory's request logging (which logs URLs) off this client.
        services.AddHttpClient(HttpClientName).RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        if (builder.HasChannel<TelegramChannel>())
        {
            return builder;
        }

        services.AddKeyedSingleton(name, (sp, _) => new TelegramChannel(
            sp.GetRequiredService<IOptionsMonitor<TelegramOptions>>().Get(name),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.ForBot(name),
            () => sp.GetKeyedService<IChatDispatcher>(name)));
        builder.AddChannel<TelegramChannel>();
        services.AddKeyedSingleton(name, (sp, _) => new TelegramWebhookHandler(sp.GetRequiredKeyedService<TelegramChannel>(name), () => sp.GetKeyedService<IChatDispatcher>(name), name));
        services.AddSingleton<IWebhookHandler>(sp => sp.GetRequiredKeyedService<TelegramWebhookHandler>(name));
        services.AddKeyedSingleton(name, (sp, _) => new TelegramReceiverService(sp.GetRequiredKeyedService<TelegramChannel>(name), () => sp.GetKeyedService<IChatDispatcher>(name), name));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<TelegramReceiverService>(name));
        services.AddSingleton<IChannelReceiver>(sp => sp.GetRequiredKeyedService<TelegramReceiverService>(name));
        return builder;
    }
}
