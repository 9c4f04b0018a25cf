using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatFlow;

/// <summary>
/// Creates the bot at start-up (so configuration errors stop the host), fires due timers and
/// retries every <see cref="ChatBotOptions.DuePollInterval"/>, and on shutdown waits for the
/// messages in flight.
/// </summary>
internal sealed class ChatFlowHostedService(IServiceProvider services, string? name) : BackgroundService
{
    private ChatBot? _bot;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _bot = name is null ? services.GetRequiredService<ChatBot>() : services.GetRequiredKeyedService<ChatBot>(name);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_bot is not null)
        {
            await _bot.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bot = _bot!;
        var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).ForBot(bot.Name).CreateLogger("ChatFlow");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bot.RunDueWorkAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.DueWorkFailed(logger, ex);
            }

            try
            {
                await Task.Delay(bot.Options.DuePollInterval, bot.TimeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
