namespace ChatFlow;

/// <summary>A press of a callback button (an inline button whose payload comes back to the bot).</summary>
/// <param name="Payload">The payload the button carried.</param>
/// <param name="Label">The button's label, when the channel reports it.</param>
public sealed record ButtonContent(string Payload, string? Label = null) : MessageContent
{
    /// <summary>Gets the channel's identifier of the press, used to acknowledge it (Telegram callback query id, VK event id).</summary>
    public string? CallbackId { get; init; }

    /// <inheritdoc />
    public override string ToString() => "button";
}
