namespace ChatFlow;

/// <summary>What a button does when pressed.</summary>
public enum ButtonKind
{
    /// <summary>Sends its label back as an ordinary text message (a reply-keyboard button).</summary>
    Reply,

    /// <summary>Sends a hidden payload back to the bot without a visible message (an inline callback button).</summary>
    Callback,

    /// <summary>Opens a URL.</summary>
    Url,

    /// <summary>Asks the user to share their phone number.</summary>
    RequestContact,

    /// <summary>Asks the user to share their location.</summary>
    RequestLocation,
}
