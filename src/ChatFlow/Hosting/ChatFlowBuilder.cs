using Microsoft.Extensions.DependencyInjection;

namespace ChatFlow;

internal sealed class ChatFlowBuilder(IServiceCollection services, ChatFlowRegistration registration) : IChatFlowBuilder
{
    public IServiceCollection Services { get; } = services;

    public ChatFlowRegistration Registration { get; } = registration;

    public string? Name => Registration.Name;
}
