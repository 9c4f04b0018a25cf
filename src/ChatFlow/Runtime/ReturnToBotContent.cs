namespace ChatFlow;

/// <summary>An operator returned the conversation to the bot.</summary>
/// <param name="Step">The step to continue at; the start step when null.</param>
internal sealed record ReturnToBotContent(string? Step) : MessageContent
{
    public override string ToString() => "return-to-bot";
}
