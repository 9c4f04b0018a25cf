namespace ChatFlow.Channels.Telegram;

/// <summary>What the channel does with <c>edited_message</c> updates.</summary>
public enum TelegramEditedMessages
{
    /// <summary>Edits are dropped (logged at Debug).</summary>
    Ignore,

    /// <summary>An edit is handled like a new message with the new text, flagged with <see cref="IncomingMessage.IsEdited"/>.</summary>
    HandleAsNew,
}
