namespace ChatFlow;

/// <summary>What <see cref="IChatFlowBuilder"/> extensions collected; turned into a <see cref="ChatBot"/> when first resolved.</summary>
internal sealed class ChatFlowRegistration
{
    public List<Func<IServiceProvider, Scenario>> Scenarios { get; } = [];

    public List<Func<IServiceProvider, IChatMiddleware>> Middleware { get; } = [];

    public List<Action<ChatBotOptions>> Options { get; } = [];
}
