using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatFlow;

/// <summary>
/// Adds scenarios, channels, middleware and a store to the bot registered by <c>AddChatFlow()</c>; on the builder of a
/// named bot (<c>AddChatFlow("support")</c>) channels and the store are registered under the bot's name as service key.
/// </summary>
public static class ChatFlowBuilderExtensions
{
    /// <summary>Adds a scenario; the first added is the main one.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddScenario(this IChatFlowBuilder builder, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return builder.AddScenario(_ => scenario);
    }

    /// <summary>Adds a scenario made from services when the bot is created; the first added is the main one.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the scenario.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddScenario(this IChatFlowBuilder builder, Func<IServiceProvider, Scenario> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Registration(builder).Scenarios.Add(factory);
        return builder;
    }

    /// <summary>Adds a channel type, created by the container (once, however often this is called).</summary>
    /// <typeparam name="TChannel">The channel type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddChannel<TChannel>(this IChatFlowBuilder builder)
        where TChannel : class, IChatChannel
    {
        ArgumentNullException.ThrowIfNull(builder);

        // A null key (the default bot) is the same as no key.
        var name = builder.Name;
        builder.Services.TryAddKeyedSingleton<TChannel>(name);
        builder.Services.TryAddEnumerable(name is null
            ? ServiceDescriptor.Singleton<IChatChannel, TChannel>(sp => sp.GetRequiredService<TChannel>()) // TryAddEnumerable needs the implementation type, which a null-keyed factory hides
            : ServiceDescriptor.KeyedSingleton<IChatChannel, TChannel>(name, (sp, _) => sp.GetRequiredKeyedService<TChannel>(name)));
        return builder;
    }

    /// <summary>
    /// Returns whether <typeparamref name="TChannel"/> is already registered for this bot (keyed by its name; not keyed
    /// for the default bot). Channel packages call it after adding their options, so that calling <c>AddX(...)</c>
    /// again only adds configuration and registers the channel's services once per bot.
    /// </summary>
    /// <typeparam name="TChannel">The channel type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>True when this bot has the channel.</returns>
    public static bool HasChannel<TChannel>(this IChatFlowBuilder builder)
        where TChannel : class, IChatChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        return builder.Services.Any(d => d.ServiceType == typeof(TChannel) && Equals(d.ServiceKey, name));
    }

    /// <summary>Adds a channel instance.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder AddChannel(this IChatFlowBuilder builder, IChatChannel channel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(channel);
        builder.Services.AddKeyedSingleton(builder.Name, channel);
        return builder;
    }

    /// <summary>Keeps conversations in <typeparamref name="TStore"/> instead of memory (for a named bot: a keyed store of its own).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder UseStore<TStore>(this IChatFlowBuilder builder)
        where TStore : class, IConversationStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var existing = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(IConversationStore) && Equals(d.ServiceKey, name));
        if (existing is not null)
        {
            builder.Services.Remove(existing);
        }

        builder.Services.Add(ServiceDescriptor.KeyedSingleton<IConversationStore, TStore>(name));
        return builder;
    }

    /// <summary>Adds middleware created by the container; the first added is the outermost.</summary>
    /// <typeparam name="TMiddleware">The middleware type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder UseMiddleware<TMiddleware>(this IChatFlowBuilder builder)
        where TMiddleware : class, IChatMiddleware
    {
        Registration(builder).Middleware.Add(sp => ActivatorUtilities.GetServiceOrCreateInstance<TMiddleware>(sp));
        return builder;
    }

    /// <summary>Changes the bot's options.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes them.</param>
    /// <returns>The builder.</returns>
    public static IChatFlowBuilder Configure(this IChatFlowBuilder builder, Action<ChatBotOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Registration(builder).Options.Add(configure);
        return builder;
    }

    private static ChatFlowRegistration Registration(IChatFlowBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder is ChatFlowBuilder own
            ? own.Registration
            : ChatFlowServiceCollectionExtensions.FindRegistration(builder.Services, builder.Name)
              ?? throw new InvalidOperationException("Call services.AddChatFlow() first.");
    }
}
