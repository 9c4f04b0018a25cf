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
    /// </summary>
    /// <param name="builder">The bot's builder from <c>services.AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the options: at least the auth token and the sender name.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddViber(this IChatFlowBuilder builder, Action<ViberOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<ViberOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ViberOptions>, ViberOptionsValidator>());
        services.AddHttpClient(ViberChannel.HttpClientName);
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new ViberChannel(
                sp.GetRequiredService<IOptions<ViberOptions>>().Value,
                () => factory.CreateClient(ViberChannel.HttpClientName),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                sp.GetService<IChatDispatcher>);
        });
        builder.AddChannel<ViberChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBroadcastChannel, ViberChannel>(sp => sp.GetRequiredService<ViberChannel>()));
        services.TryAddSingleton(sp => new ViberWebhookHandler(sp.GetRequiredService<ViberChannel>(), sp.GetRequiredService<IChatDispatcher>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookHandler, ViberWebhookHandler>(sp => sp.GetRequiredService<ViberWebhookHandler>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ViberWebhookRegistration>());
        return builder;
    }
}
