using ChatFlow;

namespace Microsoft.Extensions.Logging;

/// <summary>Logger names for one of several bots in a host.</summary>
public static class ChatFlowLoggerFactoryExtensions
{
    /// <summary>
    /// Returns a factory whose loggers carry the bot's name at the end of their category (<c>ChatFlow.Channels.Telegram.sales</c>),
    /// so the logs of two bots on the same channel can be told apart while filters set for the package
    /// (<c>"ChatFlow.Channels.Telegram": "Debug"</c>) still apply, categories being matched by prefix. For the default bot
    /// (<paramref name="bot"/> null) it returns <paramref name="factory"/> itself. Channel packages create their loggers
    /// through it; write your own adapters the same way.
    /// </summary>
    /// <param name="factory">The host's logger factory.</param>
    /// <param name="bot">The bot's name (<see cref="IChatFlowBuilder.Name"/>); null for the default bot.</param>
    /// <returns>The factory to create the bot's loggers with.</returns>
    public static ILoggerFactory ForBot(this ILoggerFactory factory, string? bot)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return bot is null ? factory : new BotLoggerFactory(factory, bot);
    }

    /// <summary>Appends the bot's name to every category; the host owns the inner factory, so disposing this one does nothing.</summary>
    private sealed class BotLoggerFactory(ILoggerFactory inner, string bot) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName + "." + bot);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose()
        {
        }
    }
}
