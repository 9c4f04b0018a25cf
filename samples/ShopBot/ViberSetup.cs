using System.Net;
using System.Text;
using ChatFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShopBot;

/// <summary>
/// Runs ShopBot on Viber: the channel, plus a small <see cref="HttpListener"/> host for its webhook
/// (ASP.NET Core endpoints come with a later package). Viber only calls public HTTPS addresses, so
/// expose the listener's port through a tunnel and give the tunnel's address as <c>VIBER_WEBHOOK_URL</c>.
/// </summary>
public static class ViberSetup
{
    /// <summary>Adds the Viber channel and the webhook listener.</summary>
    /// <param name="flow">The bot's builder.</param>
    /// <param name="configuration">Reads <c>VIBER_AUTH_TOKEN</c>, <c>VIBER_WEBHOOK_URL</c>, <c>VIBER_SENDER_NAME</c>, <c>VIBER_SENDER_AVATAR</c>, <c>VIBER_LISTEN_PREFIX</c> and <c>VIBER_API_BASE_URL</c>.</param>
    public static void Add(IChatFlowBuilder flow, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(configuration);
        flow.AddViber(o =>
        {
            o.AuthToken = configuration["VIBER_AUTH_TOKEN"] ?? string.Empty;
            o.WebhookUrl = Url(configuration, "VIBER_WEBHOOK_URL");
            o.SenderName = configuration["VIBER_SENDER_NAME"] ?? "ChatFlow Shop";
            o.SenderAvatar = Url(configuration, "VIBER_SENDER_AVATAR");

            // For a local fake of the Viber API.
            o.ApiBaseUrl = Url(configuration, "VIBER_API_BASE_URL") ?? o.ApiBaseUrl;
        });

        // The sample logs at Information; the HTTP client's per-request lines would drown the bot's.
        flow.Services.AddLogging(b => b.AddFilter("System.Net.Http.HttpClient.ChatFlow.Channels.Viber", LogLevel.Warning));

        var prefix = configuration["VIBER_LISTEN_PREFIX"] ?? "http://localhost:8080/";
        flow.Services.AddHostedService(sp => new ViberWebhookListener(
            prefix,
            sp.GetServices<IWebhookHandler>().Single(h => h.Channel == ChannelId.Viber),
            sp.GetRequiredService<ILogger<ViberWebhookListener>>()));
    }

    private static Uri? Url(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => null,
        var value when Uri.TryCreate(value, UriKind.Absolute, out var url) => url,
        _ => throw new InvalidOperationException($"{key} must be an absolute URL, such as https://example.com/viber."),
    };
}

/// <summary>Serves the Viber webhook with <see cref="HttpListener"/>: passes the raw body and headers to the handler and writes its answer.</summary>
internal sealed partial class ViberWebhookListener(string prefix, IWebhookHandler handler, ILogger<ViberWebhookListener> logger) : BackgroundService
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly HttpListener _listener = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Listening before the host has started, so that Viber's check during set_webhook is answered.
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        LogListening(logger, prefix);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inFlight = new HashSet<Task>();
        using (stoppingToken.Register(_listener.Stop))
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException && stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                inFlight.RemoveWhere(t => t.IsCompleted);
                inFlight.Add(ServeAsync(context, stoppingToken));
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ServeAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod != "POST" || context.Request.ContentLength64 > MaxBodyBytes)
            {
                response.StatusCode = context.Request.HttpMethod != "POST" ? 405 : 413;
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, cancellationToken);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .Select(k => new KeyValuePair<string, string>(k!, context.Request.Headers[k] ?? string.Empty));
            var answer = await handler.HandleAsync(new WebhookRequest(headers, body.ToArray()), cancellationToken);
            response.StatusCode = answer.StatusCode;
            if (answer.Body is { } text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                response.ContentType = answer.ContentType;
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
            response.StatusCode = 500;
        }
        finally
        {
            response.Close();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Viber webhook listening on {Prefix}")]
    private static partial void LogListening(ILogger logger, string prefix);

    [LoggerMessage(2, LogLevel.Error, "Serving a Viber webhook request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
