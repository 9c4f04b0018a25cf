namespace ChatFlow;

/// <summary>
/// Names a messaging channel, such as <c>telegram</c> or <c>vk</c>. String-backed so that any
/// adapter can introduce its own name without changing the core.
/// </summary>
public readonly record struct ChannelId
{
    private readonly string? _value;

    /// <summary>Creates a channel name.</summary>
    /// <param name="value">The name; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ChannelId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>Gets the name, in lower case.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets the Telegram channel name.</summary>
    public static ChannelId Telegram { get; } = new("telegram");

    /// <summary>Gets the VK channel name.</summary>
    public static ChannelId Vk { get; } = new("vk");

    /// <summary>Gets the Viber channel name.</summary>
    public static ChannelId Viber { get; } = new("viber");

    /// <summary>Gets the website chat channel name.</summary>
    public static ChannelId WebChat { get; } = new("webchat");

    /// <summary>Gets the console channel name, used by samples and local runs.</summary>
    public static ChannelId Console { get; } = new("console");

    /// <summary>Gets the in-memory test channel name.</summary>
    public static ChannelId Test { get; } = new("test");

    /// <inheritdoc />
    public override string ToString() => Value;
}
