using System.Net;
using ChatFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatFlow.AspNetCore.Tests.Hosting;

/// <summary>Graceful shutdown: webhooks answer 503 once the host is stopping; work in flight is finished.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task MapChatFlow_HostStopping_Returns503WithRetryAfter()
    {
        var handler = new RecordingHandler("test");
        await using var host = await TestHost.StartAsync(s => s.AddSingleton<IWebhookHandler>(handler));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var hold = new ManualResetEventSlim();
        using var registration = lifetime.ApplicationStopping.Register(() => hold.Wait(TimeSpan.FromSeconds(30)));

        // The host is "stopping" while the callback holds StopApplication; the server still answers.
        var stopping = Task.Run(lifetime.StopApplication);
        await Fixture.EventuallyAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "the host to be stopping");
        using var response = await host.Http.PostAsync("/webhooks/test", new ByteArrayContent([1, 2, 3]));
        hold.Set();
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter!.ToString());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task StopAsync_MessageInFlight_WaitsUntilTheBotFinishedAndSentTheReply()
    {
        var channel = new TestChannel();
        var gate = new Gate();
        var handler = new RecordingHandler("test");
        var sentWhenStopped = -1;
        var scenario = Scenario.Define("echo", s => s.Step("start").Say("Hello!").Otherwise().Say("Got it."));
        var host = await TestHost.StartAsync(s =>
        {
            s.AddSingleton(gate);
            s.AddSingleton<IWebhookHandler>(handler);
            s.AddChatFlow().AddScenario(scenario).AddChannel(channel).UseMiddleware<Gate>();

            // Registered after ChatFlow, so stopped before it: the message is let go only once the host is stopping.
            s.AddHostedService(_ => new ReleaseOnStop(gate));
        });
        var dispatcher = host.Services.GetRequiredService<IChatDispatcher>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopped = lifetime.ApplicationStopped.Register(() => sentWhenStopped = channel.Sent.Count);
        handler.OnRequest = (request, ct) => dispatcher.EnqueueAsync(
            new IncomingMessage(new ConversationAddress(channel.Id, "42"), new ChatUser("42"), new TextContent("hi")) { UpdateId = "1" },
            ct);

        using var accepted = await host.Http.PostAsync("/webhooks/test", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(channel.Sent);

        await host.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(gate.Release.Task.IsCompleted);
        Assert.True(sentWhenStopped > 0, "the host stopped before the accepted message was answered");
        await host.DisposeAsync();
    }

    private sealed class ReleaseOnStop(Gate gate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            gate.Release.TrySetResult();
            return Task.CompletedTask;
        }
    }

    private sealed class Gate : IChatMiddleware
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask InvokeAsync(ConversationContext context, ChatHandler next, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            await next(context, cancellationToken);
        }
    }
}
