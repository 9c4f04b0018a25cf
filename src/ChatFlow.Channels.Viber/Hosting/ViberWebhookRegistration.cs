using Microsoft.Extensions.Hosting;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// When <see cref="ViberOptions.WebhookUrl"/> is set: once the host (and so the web server hosting
/// the webhook) has started, checks the token with <c>get_account_info</c> and calls
/// <c>set_webhook</c> with the events the bot needs. Viber checks the URL with a <c>webhook</c>
/// callback during that call. A rejection stops the host with a message that says why.
/// One per bot: each sets its own bot's webhook with its own token.
/// </summary>
/// <param name="channel">Gets the bot's channel (resolved once the options have been validated).</param>
/// <param name="botName">The bot's name; null for the default bot.</param>
internal sealed class ViberWebhookRegistration(Func<ViberChannel> channel, string? botName) : IHostedLifecycleService
{
    private const int Attempts = 3;

    /// <summary>Gets the bot's name as error messages show it: empty for the default bot.</summary>
    private string OfBot => botName is null ? string.Empty : $" of bot '{botName}'";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var viber = channel();
        if (viber.Options.WebhookUrl is not { } url)
        {
            return;
        }

        var account = await CallAsync(viber, "get_account_info", EmptyRequest.Instance, ViberJsonContext.Default.EmptyRequest, cancellationToken).ConfigureAwait(false);
        if (!account.IsOk)
        {
            throw new InvalidOperationException($"Viber's get_account_info failed, so the webhook{OfBot} was not set: {account.Describe()}. Check ViberOptions.AuthToken{OfBot}.");
        }

        ViberLog.AccountInfo(viber.Logger, account.Response!.Name, account.Response.Uri);
        var events = EventTypes(viber.Options);
        var request = new SetWebhookRequest { Url = url.AbsoluteUri, EventTypes = events, SendName = viber.Options.SendName, SendPhoto = viber.Options.SendPhoto };
        var set = await CallAsync(viber, "set_webhook", request, ViberJsonContext.Default.SetWebhookRequest, cancellationToken).ConfigureAwait(false);
        if (!set.IsOk)
        {
            throw new InvalidOperationException($"Viber's set_webhook{OfBot} for {url.AbsoluteUri} failed: {set.Describe()}. The address must be public HTTPS with a certificate from a trusted CA, and must answer Viber's check with 200.");
        }

        ViberLog.WebhookSet(viber.Logger, url, string.Join(", ", set.Response!.EventTypes ?? events));
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The events the bot needs: lifecycle events always (messages cannot be filtered out), receipts when someone listens.</summary>
    internal static string[] EventTypes(ViberOptions options) => options.OnReceipt is null
        ? ["subscribed", "unsubscribed", "conversation_started"]
        : ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"];

    private static async Task<ApiCall> CallAsync<T>(ViberChannel channel, string method, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var call = await channel.Api.CallAsync(method, body, typeInfo, cancellationToken).ConfigureAwait(false);
            if (call.Response is not null || attempt == Attempts)
            {
                return call;
            }

            var delay = TimeSpan.FromSeconds(attempt);
            ViberLog.StartupRetry(channel.Logger, method, call.Describe(), delay);
            await Task.Delay(delay, channel.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
