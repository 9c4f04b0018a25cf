namespace ChatFlow;

/// <summary>What happened to a dispatched message.</summary>
public enum DispatchStatus
{
    /// <summary>The scenario handled the message.</summary>
    Handled,

    /// <summary>No rule matched; a fallback answered.</summary>
    Fallback,

    /// <summary>The message repeated an update already processed and was dropped.</summary>
    Duplicate,

    /// <summary>The conversation is with an operator; the bot did not answer.</summary>
    HandedOff,

    /// <summary>The message was not for the scenario (a stale timer, an ignored event).</summary>
    Ignored,

    /// <summary>User code threw; the conversation kept its last good state and the user got an apology.</summary>
    Failed,
}
