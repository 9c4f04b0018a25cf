namespace ChatFlow;

/// <summary>What an incoming message changes before the scenario sees it.</summary>
internal static class IncomingPreparation
{
    /// <summary>Updates what a user message says about the conversation, and resolves button payload tokens.</summary>
    public static IncomingMessage Prepare(IncomingMessage message, ConversationState work)
    {
        switch (message.Content)
        {
            case TimerContent or ReturnToBotContent or ProactiveContent:
                return message;
            case LifecycleContent l when l.Event == LifecycleEvent.Unsubscribed || l.Event == LifecycleEvent.Unreachable:
                work.Unreachable = true;
                break;
            default:
                work.Unreachable = false;
                break;
        }

        work.User = message.Sender;
        if (message.Content is ButtonContent b && b.Payload.Length > 0 && b.Payload[0] == ReplyRenderer.TokenPrefix)
        {
            var payload = ReplyRenderer.Resolve(b.Payload, work);
            if (!ReferenceEquals(payload, b.Payload))
            {
                return new IncomingMessage(message.Address, message.Sender, b with { Payload = payload })
                {
                    UpdateId = message.UpdateId,
                    MessageId = message.MessageId,
                    Timestamp = message.Timestamp,
                    IsEdited = message.IsEdited,
                    RawRepresentation = message.RawRepresentation,
                };
            }
        }

        return message;
    }
}
