using ChatFlow;
using ChatFlow.AspNetCore;
using ChatFlow.Channels.WebChat;
using ChatFlow.Channels.WebChat.Api;
using ChatFlow.Channels.WebChat.Conversations;
using ChatFlow.Channels.WebChat.Hosting;
using ChatFlow.Channels.WebChat.Visitors;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// </summary>
    /// <param name="builder">The bot's builder from <c>AddChatFlow()</c>.</param>
    /// <param name="configure">Sets the signing key, base path and limits.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddWebChat(this IChatFlowBuilder builder, Action<WebChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<WebChatOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WebChatStore(sp.GetRequiredService<IOptions<WebChatOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new VisitorTokens(sp.GetRequiredService<IOptions<WebChatOptions>>().Value.SigningKey!));
        services.TryAddSingleton(sp => new WebChatChannel(sp.GetRequiredService<WebChatStore>()));
        builder.AddChannel<WebChatChannel>();
        services.TryAddSingleton<WebChatApi>();
        services.TryAddSingleton<WebChatEndpoints>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatFlowEndpoints, WebChatEndpoints>(sp => sp.GetRequiredService<WebChatEndpoints>()));
        return builder;
    }
}
