using ChatFlow;
using ChatFlow.AspNetCore;
using ChatFlow.Channels.WebChat;
using ChatFlow.Channels.WebChat.Api;
using ChatFlow.Channels.WebChat.Conversations;
using ChatFlow.Channels.WebChat.Hosting;
using ChatFlow.Channels.WebChat.Visitors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the website chat channel to a ChatFlow bot.</summary>
public static class WebChatChatFlowBuilderExtensions
{
    /// <summary>
    /// Adds the website chat: <see cref="WebChatChannel"/> for sending and its endpoints (widget files,
    /// visitor, message and event-stream API) as an <see cref="IChatFlowEndpoints"/>, mapped by
    /// <c>MapChatFlow()</c> or by <c>MapWebChat()</c>. The options are checked when the host starts;
    /// <see cref="WebChatOptions.SigningKey"/> is required. Calling it again changes the same channel.
    /// On the builder of a named bot (<c>services.AddChatFlow("support")</c>) the options are named after the bot
    /// (<c>services.Configure&lt;WebChatOptions&gt;("support", …)</c>), the channel is a keyed service under that name,
    /// the web chat is served at <c>/webchat/support</c> unless <see cref="WebChatOptions.BasePath"/> is set
    /// (<c>MapWebChat("support")</c> maps it alone), its messages go to that bot only, and its visitor tokens are
    /// refused by every other bot even with the same signing key. Two web chats on one base path fail at start.
    /// </summary>
    /// <param name="builder">The bot's builder from <c>AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the signing key, base path and limits.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddWebChat(this IChatFlowBuilder builder, Action<WebChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        // One path for every bot: the default bot's services are keyed by null, which is the same as not keyed.
        var name = builder.Name;
        services.AddOptions<WebChatOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (builder.HasChannel<WebChatChannel>())
        {
            return builder;
        }

        if (name is not null)
        {
            services.AddOptions<WebChatOptions>(name).PostConfigure(o =>
            {
                if (!o.IsBasePathSet)
                {
                    o.BasePath = WebChatOptions.DefaultBasePath + "/" + name;
                }
            });
        }

        // Every web chat in the host is listed, so that start-up can check that no two share a base path.
        services.AddOptions<WebChatBots>().Configure(bots => bots.Names.Add(name)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatBots>, WebChatBotsValidator>());

        IOptions<WebChatOptions> OptionsOf(IServiceProvider sp) =>
            Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<WebChatOptions>>().Get(name));
        services.AddKeyedSingleton(name, (sp, _) => new WebChatStore(OptionsOf(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(name, (sp, _) => new VisitorTokens(OptionsOf(sp).Value.SigningKey!, name));
        services.AddKeyedSingleton(name, (sp, _) => new WebChatChannel(sp.GetRequiredKeyedService<WebChatStore>(name)));
        builder.AddChannel<WebChatChannel>();
        services.AddKeyedSingleton(name, (sp, _) => new WebChatApi(
            sp.GetRequiredKeyedService<WebChatStore>(name),
            sp.GetRequiredKeyedService<VisitorTokens>(name),
            OptionsOf(sp),
            () => sp.GetKeyedService<IChatDispatcher>(name),
            sp.GetService<IHostApplicationLifetime>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).ForBot(name).CreateLogger(typeof(WebChatApi).FullName!)));
        services.AddKeyedSingleton(name, (sp, _) => new WebChatEndpoints(sp.GetRequiredKeyedService<WebChatApi>(name), OptionsOf(sp), name));
        services.AddSingleton<IChatFlowEndpoints>(sp => sp.GetRequiredKeyedService<WebChatEndpoints>(name));
        return builder;
    }
}
