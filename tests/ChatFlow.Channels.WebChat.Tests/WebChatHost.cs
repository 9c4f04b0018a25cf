using ChatFlow.Channels.WebChat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ShopBot;

namespace ChatFlow.Channels.WebChat.Tests;

/// <summary>A real ASP.NET Core host on 127.0.0.1 with a dynamic port running the ShopBot scenario on the web chat.</summary>
internal sealed class WebChatHost : IAsyncDisposable
{
    public const string Key = "test-signing-key-0123456789abcdef-0123456789";

    private readonly WebApplication _app;

    private WebChatHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<WebChatHost> StartAsync(
        Action<WebChatOptions>? configure = null,
        TimeProvider? time = null,
        Scenario? scenario = null,
        Action<WebApplication>? map = null,
        IChatDispatcher? dispatcher = null,
        Uri? address = null)
    {
        // A dynamic port unless an address is given (a restart on the address a page already uses).
        var url = address?.ToString().TrimEnd('/') ?? "http://127.0.0.1:0";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", url] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.TryAddSingleton<ILeadSink, InMemoryLeadSink>();
        builder.Services.AddChatFlow()
            .AddScenario(scenario ?? ShopScenario.Create())
            .AddWebChat(o =>
            {
                o.SigningKey = Key;
                configure?.Invoke(o);
            });
        if (dispatcher is not null)
        {
            // The web chat finds its bot's dispatcher when a visitor writes; the last registration wins.
            builder.Services.AddSingleton(dispatcher);
        }

        var app = builder.Build();
        if (map is null)
        {
            app.MapWebChat();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebChatHost(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
