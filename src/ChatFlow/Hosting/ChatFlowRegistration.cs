namespace ChatFlow;

/// <summary>What <see cref="IChatFlowBuilder"/> extensions collected; turned into a <see cref="ChatBot"/> when first resolved.</summary>
internal sealed class ChatFlowRegistration(string? name = null)
{
    /// <summary>Gets the bot's name (its service key); null for the default bot.</summary>
    public string? Name { get; } = name;

    public List<Func<IServiceProvider, Scenario>> Scenarios { get; } = [];

    public List<Func<IServiceProvider, IChatMiddleware>> Middleware { get; } = [];

    public List<Action<ChatBotOptions>> Options { get; } = [];
}
