namespace ChatFlow.Channels.Vk;

/// <summary>The colour of a VK keyboard button. VK applies colours to text and callback buttons only.</summary>
public enum VkButtonColor
{
    /// <summary>White (VK's default).</summary>
    Secondary,

    /// <summary>Blue: the main action.</summary>
    Primary,

    /// <summary>Green: accept, agree.</summary>
    Positive,

    /// <summary>Red: delete, refuse.</summary>
    Negative,
}
