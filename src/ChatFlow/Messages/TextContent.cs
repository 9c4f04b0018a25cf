namespace ChatFlow;

/// <summary>Plain text typed by the user.</summary>
/// <param name="Text">The text as the user sent it.</param>
public sealed record TextContent(string Text) : MessageContent
{
    /// <inheritdoc />
    public override string ToString() => "text";
}
