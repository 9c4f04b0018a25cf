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
        var registration = services.FirstOrDefault(d => d.ServiceType == typeof(ChatFlowRegistration))?.ImplementationInstance as ChatFlowRegistration;
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatFlowHostedService>());
        return new ChatFlowBuilder(services, registration);
    }

    private static ChatBot CreateBot(IServiceProvider sp)
    {
        var registration = sp.GetRequiredService<ChatFlowRegistration>();
        var builder = new ChatBotBuilder()
            .UseStore(sp.GetRequiredService<IConversationStore>())
            .UseTimeProvider(sp.GetRequiredService<TimeProvider>())
            .UseLoggerFactory(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            .UseServices(sp);
        foreach (var scenario in registration.Scenarios)
        {
            builder.AddScenario(scenario(sp));
        }

        foreach (var channel in sp.GetServices<IChatChannel>())
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

        return builder.Build();
    }
}
