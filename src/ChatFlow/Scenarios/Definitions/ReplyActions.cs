namespace ChatFlow;

/// <summary>The actions behind every <c>Say(...)</c> of the DSL.</summary>
internal static class ReplyActions
{
    public static Func<ConversationContext, CancellationToken, ValueTask> Say(OutgoingMessage message) => (c, _) =>
    {
        c.Say(message);
        return default;
    };

    public static Func<ConversationContext, CancellationToken, ValueTask> Say(Func<ConversationContext, OutgoingMessage> message) => (c, _) =>
    {
        c.Say(message(c));
        return default;
    };
}
