namespace ChatFlow;

/// <summary>Who answers a conversation.</summary>
public enum ConversationMode
{
    /// <summary>The bot runs the scenario.</summary>
    Bot,

    /// <summary>The conversation was handed to a human operator; the bot stays silent until it is returned.</summary>
    Operator,
}
