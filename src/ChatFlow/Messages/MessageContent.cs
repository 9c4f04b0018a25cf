namespace ChatFlow;

/// <summary>
/// What an incoming message carries. Match on the derived types: <see cref="TextContent"/>,
/// <see cref="CommandContent"/>, <see cref="ButtonContent"/>, <see cref="ContactContent"/>,
/// <see cref="LocationContent"/>, <see cref="MediaContent"/> and <see cref="LifecycleContent"/>.
/// </summary>
public abstract record MessageContent
{
    private protected MessageContent()
    {
    }
}
