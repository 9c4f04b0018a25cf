namespace ChatFlow;

/// <summary>Configures ChatFlow in a service collection; returned by <c>services.AddChatFlow()</c>. Channel packages add extensions to it.</summary>
public interface IChatFlowBuilder
{
    /// <summary>Gets the service collection ChatFlow is registered in.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }

    /// <summary>
    /// Gets the name of the bot this builder configures: the service key its <see cref="ChatBot"/>, <see cref="IChatDispatcher"/>,
    /// channels and store are registered under (<c>services.AddChatFlow("support")</c>); null for the default, unkeyed bot.
    /// </summary>
    string? Name => null;
}
