using ChatFlow.Channels.WebChat.Conversations;

namespace ChatFlow.Channels.WebChat;

/// <summary>
/// The website chat as the runtime sees it: a reply is appended to the visitor's in-memory log
/// and pushed to every open event stream of that visitor. Added by <c>AddWebChat()</c>.
/// </summary>
public sealed class WebChatChannel : IChatChannel
{
    private readonly WebChatStore _store;

    internal WebChatChannel(WebChatStore store) => _store = store;

    /// <summary>Gets the channel's name, <see cref="ChannelId.WebChat"/>.</summary>
    public ChannelId Id => ChannelId.WebChat;

    /// <summary>
    /// Gets what the widget shows: text, reply and callback buttons, URL buttons and images by URL;
    /// no "share my phone / location" buttons (a phone prompt asks for text) and no editing.
    /// </summary>
    public ChannelCapabilities Capabilities => Limits;

    /// <summary>Gets the capabilities; the visitor API checks button presses against their button limits.</summary>
    internal static ChannelCapabilities Limits { get; } = new()
    {
        MaxTextLength = 4096,
        MaxCaptionLength = 1024,
        SupportsRequestContact = false,
        SupportsRequestLocation = false,
        SupportsEditing = false,
        MaxButtonLabelLength = 64,
        MaxButtonPayloadBytes = 256,
    };

    /// <summary>Appends the reply to the visitor's log; a retry with the same idempotency key is not shown twice.</summary>
    /// <param name="delivery">The reply and the visitor's address.</param>
    /// <param name="cancellationToken">A send cancelled before it starts appends nothing; appending itself does not wait.</param>
    /// <returns><see cref="DeliveryResult.Sent"/> with the entry's id; a cancelled task when <paramref name="cancellationToken"/> was cancelled.</returns>
    public ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<DeliveryResult>(cancellationToken);
        }

        var id = _store.AppendBotMessage(delivery.Address.ChatId, delivery.Message, delivery.IdempotencyKey);
        return ValueTask.FromResult(DeliveryResult.Sent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
