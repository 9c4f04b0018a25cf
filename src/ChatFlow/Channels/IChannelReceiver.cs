namespace ChatFlow;

/// <summary>
/// The inbound side of a channel (a long-polling loop, a webhook endpoint) reporting how it is doing,
/// for health checks. Channel packages register their receivers as this interface.
/// </summary>
public interface IChannelReceiver
{
    /// <summary>Gets the channel the receiver takes updates for.</summary>
    ChannelId Channel { get; }

    /// <summary>Gets the name of the bot the receiver hands updates to (<c>services.AddChatFlow("support")</c>); null for the default bot.</summary>
    string? BotName => null;

    /// <summary>Returns the receiver's current state.</summary>
    /// <returns>The state, the last update received and the last error.</returns>
    ReceiverStatus GetStatus();
}
