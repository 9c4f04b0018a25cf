using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatFlow;

/// <summary>
/// Assembles a <see cref="ChatBot"/> without a DI container, for scripts, tests and small hosts.
/// With a container use <c>services.AddChatFlow(...)</c>, which fills the same builder from it.
/// </summary>
public sealed class ChatBotBuilder
{
    private readonly List<Scenario> _scenarios = [];
    private readonly List<IChatChannel> _channels = [];
    private readonly List<IChatMiddleware> _middleware = [];
    private IConversationStore? _store;
    private TimeProvider? _timeProvider;
    private ILoggerFactory? _loggerFactory;
    private IServiceProvider? _services;

    /// <summary>Gets the options; change them directly or with <see cref="Configure"/>.</summary>
    public ChatBotOptions Options { get; } = new();

    /// <summary>Adds a scenario. The first one added is the main scenario every new conversation starts in; others run as sub-scenarios.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder AddScenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (_scenarios.Exists(s => s.Id == scenario.Id))
        {
            throw new ArgumentException($"A scenario with id '{scenario.Id}' is already added.", nameof(scenario));
        }

        _scenarios.Add(scenario);
        return this;
    }

    /// <summary>Adds a channel replies are sent through.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder AddChannel(IChatChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (_channels.Exists(c => c.Id == channel.Id))
        {
            throw new ArgumentException($"A channel named '{channel.Id}' is already added.", nameof(channel));
        }

        _channels.Add(channel);
        return this;
    }

    /// <summary>Sets where conversations are kept; in memory when not set.</summary>
    /// <param name="store">The store.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder UseStore(IConversationStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        return this;
    }

    /// <summary>Sets the clock; <see cref="TimeProvider.System"/> when not set. Tests pass a fake clock.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Sets the logger factory; nothing is logged when not set.</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Sets the services actions reach through <see cref="ConversationContext.Services"/>.</summary>
    /// <param name="services">The service provider.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder UseServices(IServiceProvider services)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        return this;
    }

    /// <summary>Adds middleware; the first added is the outermost.</summary>
    /// <param name="middleware">The middleware.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder Use(IChatMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Adds middleware written as a function; the first added is the outermost.</summary>
    /// <param name="middleware">The middleware: the context, the rest of the pipeline, and a cancellation token.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder Use(Func<ConversationContext, ChatHandler, CancellationToken, ValueTask> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(new DelegateMiddleware(middleware));
        return this;
    }

    /// <summary>Gets or sets the bot's name (<see cref="ChatBot.Name"/>), set by <c>services.AddChatFlow(name)</c>.</summary>
    internal string? Name { get; set; }

    /// <summary>Changes the options.</summary>
    /// <param name="configure">Changes them.</param>
    /// <returns>This builder.</returns>
    public ChatBotBuilder Configure(Action<ChatBotOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Builds the bot, checking that every sub-scenario a step runs was added and warning where a channel cannot show what a step asks.</summary>
    /// <returns>The bot.</returns>
    /// <exception cref="InvalidOperationException">No scenario was added, or a step runs a scenario that was not added.</exception>
    public ChatBot Build()
    {
        if (_scenarios.Count == 0)
        {
            throw new InvalidOperationException("Add at least one scenario before building the bot.");
        }

        foreach (var scenario in _scenarios)
        {
            foreach (var sub in scenario.SubScenarios)
            {
                if (!_scenarios.Exists(s => s.Id == sub))
                {
                    throw new InvalidOperationException($"Scenario '{scenario.Id}' runs scenario '{sub}', which was not added to the bot.");
                }
            }
        }

        Options.Validate();
        return new ChatBot(
            [.. _scenarios],
            [.. _channels],
            _store ?? new InMemoryConversationStore(),
            _timeProvider ?? TimeProvider.System,
            _loggerFactory ?? NullLoggerFactory.Instance,
            _services ?? EmptyServiceProvider.Instance,
            [.. _middleware],
            Options,
            Name);
    }

    private sealed class DelegateMiddleware(Func<ConversationContext, ChatHandler, CancellationToken, ValueTask> invoke) : IChatMiddleware
    {
        public ValueTask InvokeAsync(ConversationContext context, ChatHandler next, CancellationToken cancellationToken) => invoke(context, next, cancellationToken);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
