namespace ChatFlow;

/// <summary>Replies to add to a conversation from outside a dispatch: an operator's answer, a notification.</summary>
/// <param name="Messages">The messages, in order.</param>
internal sealed record ProactiveContent(IReadOnlyList<OutgoingMessage> Messages) : MessageContent
{
    public override string ToString() => "proactive";
}
