using ChatFlow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ChatFlow in a service collection.</summary>
public static class ChatFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="ChatBot"/> (also as <see cref="IChatDispatcher"/>), an in-memory
    /// conversation store unless another is registered, and the hosted worker that fires timers,
    /// retries sends and drains the queue on shutdown. Calling it again returns a builder for the
    /// same bot.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the bot's options.</param>
    /// <returns>A builder to add scenarios, channels, middleware and a store.</returns>
    public static IChatFlowBuilder AddChatFlow(this IServiceCollection services, Action<ChatBotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = FindRegistration(services, null);
        if (registration is null)
        {
            registration = new ChatFlowRegistration();
            services.AddSingleton(registration);
        }

        if (configure is not null)
        {
            registration.Options.Add(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton(CreateBot);
        services.TryAddSingleton<IChatDispatcher>(sp => sp.GetRequiredService<ChatBot>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatFlowHostedService>(sp => new ChatFlowHostedService(sp, null)));
        return new ChatFlowBuilder(services, registration);
    }

    /// <summary>
    /// Registers a named bot (one of several in the host) under the service key <paramref name="name"/>: a keyed
    /// <see cref="ChatBot"/> and <see cref="IChatDispatcher"/> (inject with <c>[FromKeyedServices("support")]</c>), a keyed
    /// in-memory conversation store unless <c>UseStore&lt;T&gt;()</c> names another, and its own hosted worker.
    /// The bot gets exactly the channels added through the returned builder (registered under the same key), its own
    /// scenarios, middleware and options; the default bot of <see cref="AddChatFlow(IServiceCollection, Action{ChatBotOptions}?)"/>
    /// does not see them. Calling it again with the same name returns a builder for the same bot.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The bot's name: its service key, its channels' options name and its webhook path segment (<c>/webhooks/{name}/{channel}</c>).</param>
    /// <param name="configure">Changes the bot's options.</param>
    /// <returns>A builder to add scenarios, channels, middleware and a store to this bot.</returns>
    public static IChatFlowBuilder AddChatFlow(this IServiceCollection services, string name, Action<ChatBotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var registration = FindRegistration(services, name);
        if (registration is null)
        {
            registration = new ChatFlowRegistration(name);
            services.AddKeyedSingleton(name, registration);
            services.AddKeyedSingleton(name, (sp, _) => CreateBot(sp, name));
            services.AddKeyedSingleton<IChatDispatcher>(name, (sp, _) => sp.GetRequiredKeyedService<ChatBot>(name));
            services.AddSingleton<IHostedService>(sp => new ChatFlowHostedService(sp, name));
        }

        if (configure is not null)
        {
            registration.Options.Add(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<IConversationStore>(name, (_, _) => new InMemoryConversationStore());
        return new ChatFlowBuilder(services, registration);
    }

    /// <summary>Finds the registration of the bot named <paramref name="name"/> (null: the default bot), if added.</summary>
    internal static ChatFlowRegistration? FindRegistration(IServiceCollection services, string? name) =>
        services.FirstOrDefault(d => d.ServiceType == typeof(ChatFlowRegistration) && Equals(d.ServiceKey, name)) is { } descriptor
            ? (descriptor.IsKeyedService ? descriptor.KeyedImplementationInstance : descriptor.ImplementationInstance) as ChatFlowRegistration
            : null;

    private static ChatBot CreateBot(IServiceProvider sp) => CreateBot(sp, null);

    private static ChatBot CreateBot(IServiceProvider sp, string? name)
    {
        // The default bot's services are keyed by null, which is the same as not keyed.
        var registration = sp.GetRequiredKeyedService<ChatFlowRegistration>(name);
        var store = sp.GetRequiredKeyedService<IConversationStore>(name);
        var channels = sp.GetKeyedServices<IChatChannel>(name);
        var builder = new ChatBotBuilder()
            .UseStore(store)
            .UseTimeProvider(sp.GetRequiredService<TimeProvider>())
            .UseLoggerFactory((sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).ForBot(name))
            .UseServices(sp);
        foreach (var scenario in registration.Scenarios)
        {
            builder.AddScenario(scenario(sp));
        }

        foreach (var channel in channels)
        {
            builder.AddChannel(channel);
        }

        foreach (var middleware in registration.Middleware)
        {
            builder.Use(middleware(sp));
        }

        foreach (var configure in registration.Options)
        {
            configure(builder.Options);
        }

        builder.Name = name;
        return builder.Build();
    }
}
