namespace ChatFlow.Channels.Viber;

/// <summary>What a Viber delivery receipt reports about a message the bot sent.</summary>
public enum ViberReceiptKind
{
    /// <summary>The message reached the user's device (<c>delivered</c>).</summary>
    Delivered,

    /// <summary>The user saw the message (<c>seen</c>).</summary>
    Seen,

    /// <summary>The message could not be delivered (<c>failed</c>), for example because the client rejected its keyboard.</summary>
    Failed,
}
