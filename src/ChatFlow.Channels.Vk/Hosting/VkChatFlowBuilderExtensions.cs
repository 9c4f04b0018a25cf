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
    /// Adds the VK channel: <see cref="VkChannel"/> for sending, <see cref="VkWebhookHandler"/> (as an
    /// <see cref="IWebhookHandler"/>) for the Callback API, and a hosted service for Bots Long Poll,
    /// which runs only in <see cref="VkReceiveMode.LongPoll"/> mode (also registered as <see cref="IChannelReceiver"/> for health checks). The options are checked when the
    /// host starts. Calling it again changes the same channel.
    /// </summary>
    /// <param name="builder">The bot's builder from <c>AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the token, community id, mode and the rest.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddVk(this IChatFlowBuilder builder, Action<VkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<VkOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VkOptions>, VkOptionsValidator>());
        if (!services.Any(d => d.ServiceType == typeof(VkChannel)))
        {
            // Time-outs are per request (a Long Poll request lasts longer than an API call).
            services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        }

        services.TryAddSingleton(CreateChannel);
        builder.AddChannel<VkChannel>();
        services.TryAddSingleton(sp => new VkUpdateProcessor(sp.GetRequiredService<VkChannel>(), sp.GetRequiredService<IChatDispatcher>));
        services.TryAddSingleton(sp => new VkWebhookHandler(sp.GetRequiredService<VkChannel>(), sp.GetRequiredService<VkUpdateProcessor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookHandler, VkWebhookHandler>(sp => sp.GetRequiredService<VkWebhookHandler>()));
        services.TryAddSingleton(sp => new VkLongPollService(sp.GetRequiredService<VkChannel>(), sp.GetRequiredService<VkUpdateProcessor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VkLongPollService>(sp => sp.GetRequiredService<VkLongPollService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelReceiver, VkLongPollService>(sp => sp.GetRequiredService<VkLongPollService>()));
        return builder;
    }

    private static VkChannel CreateChannel(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<VkOptions>>().Value;
        var factory = sp.GetRequiredService<IHttpClientFactory>();
        var store = sp.GetService<IConversationStore>();

        // Reply numbers start over with conversations kept in memory, so their random_ids must differ per process.
        var salt = options.RandomIdSalt ?? (store is null or InMemoryConversationStore ? RandomId.NewSalt() : string.Empty);
        return new VkChannel(
            options,
            () => factory.CreateClient(HttpClientName),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            salt)
        {
            // Resolved when first needed: the bot itself depends on the channels.
            Dispatcher = sp.GetService<IChatDispatcher>,
        };
    }
}
