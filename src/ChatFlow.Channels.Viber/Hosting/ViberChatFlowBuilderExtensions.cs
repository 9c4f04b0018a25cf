using ChatFlow;
using ChatFlow.Channels.Viber;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Viber channel to a ChatFlow bot.</summary>
public static class ViberChatFlowBuilderExtensions
{
    /// <summary>
    /// Adds the Viber channel: <see cref="ViberChannel"/> (also as <see cref="IChatChannel"/> and <see cref="IBroadcastChannel"/>),
    /// <see cref="ViberWebhookHandler"/> (also as <see cref="IWebhookHandler"/>), a named
    /// <see cref="HttpClient"/>, and a start-up step that checks the options and, when
    /// <see cref="ViberOptions.WebhookUrl"/> is set, calls <c>set_webhook</c>. Calling it again
    /// adds nothing twice; the option changes add up.
    /// On the builder of a named bot (<c>services.AddChatFlow("support")</c>) the options are named after the bot
    /// (<c>services.Configure&lt;ViberOptions&gt;("support", …)</c>), the channel, the handler and the broadcast channel
    /// are keyed services under that name, the handler hands callbacks to that bot only (its webhook is mapped at
    /// <c>/webhooks/support/viber</c>) and checks their signature with that bot's token, and the start-up step sets
    /// that bot's webhook with its own token; several bots can each have their own Viber token this way.
    /// </summary>
    /// <param name="builder">The bot's builder from <c>services.AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the options: at least the auth token and the sender name.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddViber(this IChatFlowBuilder builder, Action<ViberOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        // One path for every bot: the default bot's services are keyed by null, which is the same as not keyed.
        var name = builder.Name;
        services.AddOptions<ViberOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ViberOptions>, ViberOptionsValidator>());
        services.AddHttpClient(ViberChannel.HttpClientName);
        if (builder.HasChannel<ViberChannel>())
        {
            return builder;
        }

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new ViberChannel(
                sp.GetRequiredService<IOptionsMonitor<ViberOptions>>().Get(name),
                () => factory.CreateClient(ViberChannel.HttpClientName),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).ForBot(name),
                () => sp.GetKeyedService<IChatDispatcher>(name));
        });
        builder.AddChannel<ViberChannel>();

        // Like its IChatChannel, a bot's broadcast channel is keyed by the bot (null, the plain registration, for the default bot).
        services.AddKeyedSingleton<IBroadcastChannel>(name, (sp, _) => sp.GetRequiredKeyedService<ViberChannel>(name));
        services.AddKeyedSingleton(name, (sp, _) => new ViberWebhookHandler(sp.GetRequiredKeyedService<ViberChannel>(name), () => sp.GetRequiredKeyedService<IChatDispatcher>(name), name));
        services.AddSingleton<IWebhookHandler>(sp => sp.GetRequiredKeyedService<ViberWebhookHandler>(name));
        services.AddSingleton<IHostedService>(sp => new ViberWebhookRegistration(() => sp.GetRequiredKeyedService<ViberChannel>(name), name));
        return builder;
    }
}
