namespace ChatFlow.Channels.Vk;

/// <summary>How the VK channel receives updates.</summary>
public enum VkReceiveMode
{
    /// <summary>Bots Long Poll: a background service polls <c>groups.getLongPollServer</c>'s server. Needs no public address.</summary>
    LongPoll,

    /// <summary>Callback API: VK posts events to a webhook that the host maps to <see cref="VkWebhookHandler"/>.</summary>
    CallbackApi,
}
