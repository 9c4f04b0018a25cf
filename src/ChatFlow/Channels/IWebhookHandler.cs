namespace ChatFlow;

/// <summary>
/// A channel's webhook endpoint, independent of the web framework: verify the request, parse it,
/// hand the update to the bot, and say what to answer. Hosts map every registered handler to a
/// route (<c>/webhooks/{channel}</c>).
/// </summary>
public interface IWebhookHandler
{
    /// <summary>Gets the channel this webhook belongs to.</summary>
    ChannelId Channel { get; }

    /// <summary>
    /// Gets the name of the bot the webhook hands updates to (<c>services.AddChatFlow("support")</c>); null for the default bot.
    /// <c>MapChatFlow()</c> maps the default bot's webhooks at <c>/webhooks/{channel}</c> and a named bot's at <c>/webhooks/{bot}/{channel}</c>.
    /// </summary>
    string? BotName => null;

    /// <summary>Handles one webhook request. Never throws for bad input: it answers with an error status instead.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels handling when the client goes away or the host stops.</param>
    /// <returns>What to answer.</returns>
    ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken);
}
