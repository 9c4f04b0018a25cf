using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFlow.AspNetCore.Tests;

/// <summary>A real ASP.NET Core host on a loopback port with a dynamic port number.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestHost> StartAsync(Action<IServiceCollection> configure, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        configure(builder.Services);
        var app = builder.Build();
        if (map is null)
        {
            app.MapChatFlow();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new TestHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Test helpers.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Waits (bounded) until a condition holds; for state that changes on another thread.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.False(cts.IsCancellationRequested, "Timed out waiting for " + what);
            await Task.Delay(10, CancellationToken.None);
        }
    }
}

/// <summary>A webhook handler that records what it got and answers as told.</summary>
internal sealed class RecordingHandler(string channel, WebhookResponse? answer = null, string? botName = null) : IWebhookHandler
{
    public string? BotName { get; } = botName;

    private readonly ConcurrentQueue<WebhookRequest> _requests = new();

    public ChannelId Channel { get; } = new(channel);

    public IReadOnlyList<WebhookRequest> Requests => _requests.ToArray();

    public Func<WebhookRequest, CancellationToken, ValueTask>? OnRequest { get; set; }

    public async ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        if (OnRequest is { } hook)
        {
            await hook(request, cancellationToken);
        }

        return answer ?? WebhookResponse.Ok;
    }
}

