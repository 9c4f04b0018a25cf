namespace ChatFlow;

/// <summary>Configures ChatFlow in a service collection; returned by <c>services.AddChatFlow()</c>. Channel packages add extensions to it.</summary>
public interface IChatFlowBuilder
{
    /// <summary>Gets the service collection ChatFlow is registered in.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
