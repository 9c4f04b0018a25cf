namespace ChatFlow;

/// <summary>A request to move a conversation to a new address (a group upgraded to a supergroup).</summary>
/// <param name="To">The new address.</param>
internal sealed record MoveConversationContent(ConversationAddress To) : MessageContent
{
    public override string ToString() => "move";
}
