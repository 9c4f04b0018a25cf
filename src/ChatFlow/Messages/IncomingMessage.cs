namespace ChatFlow;

/// <summary>
/// A message or event that arrived from a channel, mapped to the channel-neutral model.
/// </summary>
public sealed class IncomingMessage
{
    /// <summary>Creates an incoming message.</summary>
    /// <param name="address">The conversation the message belongs to.</param>
    /// <param name="sender">The user who sent it.</param>
    /// <param name="content">What the message carries.</param>
    public IncomingMessage(ConversationAddress address, ChatUser sender, MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(content);
        Address = address;
        Sender = sender;
        Content = content;
    }

    /// <summary>Gets the conversation the message belongs to.</summary>
    public ConversationAddress Address { get; }

    /// <summary>Gets the user who sent the message.</summary>
    public ChatUser Sender { get; }

    /// <summary>Gets what the message carries.</summary>
    public MessageContent Content { get; }

    /// <summary>
    /// Gets the channel's identifier of the update that delivered this message (Telegram
    /// <c>update_id</c>, VK <c>event_id</c>, …). Redelivered updates with the same identifier are dropped.
    /// </summary>
    public string? UpdateId { get; init; }

    /// <summary>Gets the channel's identifier of the message inside the chat, when there is one.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets when the channel says the message was sent.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets a value indicating whether this is a new version of an earlier message.</summary>
    public bool IsEdited { get; init; }

    /// <summary>Gets the platform's own object this message was mapped from, for platform-specific needs.</summary>
    public object? RawRepresentation { get; init; }

    /// <summary>Gets the text the message carries, if any: message text, a command's full text, a button label or a media caption.</summary>
    public string? Text => Content switch
    {
        TextContent t => t.Text,
        CommandContent c => c.ToString(),
        ButtonContent b => b.Label ?? b.Payload,
        MediaContent m => m.Caption,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Address} {Content} from {Sender.Id}";
}
