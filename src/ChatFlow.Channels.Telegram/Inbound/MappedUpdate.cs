namespace ChatFlow.Channels.Telegram;

/// <summary>What one Telegram update means for the bot.</summary>
internal sealed record MappedUpdate
{
    /// <summary>Gets the message to dispatch, or null when the update is ignored.</summary>
    public IncomingMessage? Message { get; init; }

    /// <summary>Gets the callback query to answer, even when the update is otherwise ignored.</summary>
    public string? CallbackQueryId { get; init; }

    /// <summary>Gets the old and new chat id when a group became a supergroup.</summary>
    public (long From, long To)? Migration { get; init; }

    /// <summary>Gets why the update is ignored, for the Debug log.</summary>
    public string? IgnoredBecause { get; init; }

    public static MappedUpdate Ignored(string reason, string? callbackQueryId = null) => new() { IgnoredBecause = reason, CallbackQueryId = callbackQueryId };
}
