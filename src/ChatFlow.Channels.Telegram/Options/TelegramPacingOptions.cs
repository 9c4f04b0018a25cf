namespace ChatFlow.Channels.Telegram;

/// <summary>
/// How fast the channel sends, so that Telegram's flood limits are not hit: about one message a
/// second per chat with short bursts, 20 a minute per group, about 30 a second overall.
/// A send waits (on the channel's <see cref="TimeProvider"/>) until every limit it falls under allows it.
/// </summary>
public sealed class TelegramPacingOptions
{
    /// <summary>Gets or sets a value indicating whether sends are paced at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the sustained rate of messages to one chat, per second.</summary>
    /// <value>The default value is 1.</value>
    public double PerChatPerSecond { get; set; } = 1;

    /// <summary>Gets or sets how many messages one chat may get at once before the rate applies.</summary>
    /// <value>The default value is 3.</value>
    public int PerChatBurst { get; set; } = 3;

    /// <summary>Gets or sets the sustained rate of messages to one group or supergroup, per minute.</summary>
    /// <value>The default value is 20.</value>
    public double PerGroupPerMinute { get; set; } = 20;

    /// <summary>Gets or sets how many messages one group may get at once before the rate applies.</summary>
    /// <value>The default value is 3.</value>
    public int PerGroupBurst { get; set; } = 3;

    /// <summary>Gets or sets the sustained rate of messages over all chats, per second.</summary>
    /// <value>The default value is 30.</value>
    public double GlobalPerSecond { get; set; } = 30;

    /// <summary>Gets or sets how many messages may go out at once over all chats before the rate applies.</summary>
    /// <value>The default value is 30.</value>
    public int GlobalBurst { get; set; } = 30;
}
