namespace ChatFlow;

/// <summary>The person who sent a message.</summary>
/// <param name="Id">The channel's identifier of the user.</param>
/// <param name="DisplayName">A human-readable name, when the channel gives one.</param>
public sealed record ChatUser(string Id, string? DisplayName = null)
{
    /// <summary>Gets the user's handle on the channel (for example a Telegram username), when known.</summary>
    public string? Username { get; init; }

    /// <summary>Gets the IETF language tag the user's client reports, when known.</summary>
    public string? LanguageCode { get; init; }

    /// <summary>Gets a value indicating whether the sender is a bot.</summary>
    public bool IsBot { get; init; }
}
