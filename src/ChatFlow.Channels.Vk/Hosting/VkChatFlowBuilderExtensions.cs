using ChatFlow;
using ChatFlow.Channels.Vk;
using ChatFlow.Channels.Vk.Hosting;
using ChatFlow.Channels.Vk.Inbound;
using ChatFlow.Channels.Vk.Outbound;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the VK channel to a ChatFlow bot.</summary>
public static class VkChatFlowBuilderExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the channel gets from <see cref="IHttpClientFactory"/>; configure it for a proxy.</summary>
    public const string HttpClientName = "ChatFlow.Channels.Vk";

    /// <summary>
    /// Adds the VK channel: <see cref="VkChannel"/> for sending (also as <see cref="IBroadcastChannel"/>), <see cref="VkWebhookHandler"/> (as an
    /// <see cref="IWebhookHandler"/>) for the Callback API, and a hosted service for Bots Long Poll,
    /// which runs only in <see cref="VkReceiveMode.LongPoll"/> mode (also registered as <see cref="IChannelReceiver"/> for health checks). The options are checked when the
    /// host starts. Calling it again changes the same channel.
    /// On the builder of a named bot (<c>services.AddChatFlow("support")</c>) the options are named after the bot
    /// (<c>services.Configure&lt;VkOptions&gt;("support", …)</c>), the channel, handler and Long Poll service are keyed
    /// services under that name and hand updates to that bot only (its Callback API endpoint is mapped at
    /// <c>/webhooks/support/vk</c>); several bots can each serve their own community this way.
    /// </summary>
    /// <param name="builder">The bot's builder from <c>AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the token, community id, mode and the rest.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddVk(this IChatFlowBuilder builder, Action<VkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        // One path for every bot: the default bot's services are keyed by null, which is the same as not keyed.
        var name = builder.Name;
        services.AddOptions<VkOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VkOptions>, VkOptionsValidator>());
        if (!services.Any(d => d.ServiceType == typeof(VkChannel)))
        {
            // One client for all bots. Time-outs are per request (a Long Poll request lasts longer than an API call).
            services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        }

        if (builder.HasChannel<VkChannel>())
        {
            return builder;
        }

        services.AddKeyedSingleton(name, (sp, _) => CreateChannel(sp, name));
        builder.AddChannel<VkChannel>();
        services.AddKeyedSingleton<IBroadcastChannel>(name, (sp, _) => sp.GetRequiredKeyedService<VkChannel>(name));
        services.AddKeyedSingleton(name, (sp, _) => new VkUpdateProcessor(
            sp.GetRequiredKeyedService<VkChannel>(name),
            () => sp.GetRequiredKeyedService<IChatDispatcher>(name)));
        services.AddKeyedSingleton(name, (sp, _) => new VkWebhookHandler(
            sp.GetRequiredKeyedService<VkChannel>(name),
            sp.GetRequiredKeyedService<VkUpdateProcessor>(name),
            name));
        services.AddSingleton<IWebhookHandler>(sp => sp.GetRequiredKeyedService<VkWebhookHandler>(name));
        services.AddKeyedSingleton(name, (sp, _) => new VkLongPollService(
            sp.GetRequiredKeyedService<VkChannel>(name),
            sp.GetRequiredKeyedService<VkUpdateProcessor>(name),
            name));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<VkLongPollService>(name));
        services.AddSingleton<IChannelReceiver>(sp => sp.GetRequiredKeyedService<VkLongPollService>(name));
        return builder;
    }

    private static VkChannel CreateChannel(IServiceProvider sp, string? name)
    {
        var options = sp.GetRequiredService<IOptionsMonitor<VkOptions>>().Get(name);
        var factory = sp.GetRequiredService<IHttpClientFactory>();
        var store = sp.GetKeyedService<IConversationStore>(name);

        // Reply numbers start over with conversations kept in memory, so their random_ids must differ per process.
        var salt = options.RandomIdSalt ?? (store is null or InMemoryConversationStore ? RandomId.NewSalt() : string.Empty);
        return new VkChannel(
            options,
            () => factory.CreateClient(HttpClientName),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).ForBot(name),
            salt)
        {
            // Resolved when first needed: the bot itself depends on the channels.
            Dispatcher = () => sp.GetKeyedService<IChatDispatcher>(name),
        };
    }
}
