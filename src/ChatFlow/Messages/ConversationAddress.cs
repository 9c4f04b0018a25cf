namespace ChatFlow;

/// <summary>
/// Where a conversation lives: a channel and the channel's chat identifier. One address is one
/// conversation; a group chat is one conversation shared by its members.
/// </summary>
/// <param name="Channel">The channel the chat belongs to.</param>
/// <param name="ChatId">The channel's identifier of the chat (for example Telegram's <c>chat.id</c>).</param>
public readonly record struct ConversationAddress(ChannelId Channel, string ChatId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Channel}:{ChatId}";
}
