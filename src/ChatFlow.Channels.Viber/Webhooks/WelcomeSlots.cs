using System.Collections.Concurrent;

namespace ChatFlow.Channels.Viber;

/// <summary>The welcome slots armed by the webhook, one at most per conversation; the channel's sends look here first.</summary>
internal sealed class WelcomeSlots
{
    private readonly ConcurrentDictionary<string, WelcomeSlot> _slots = new(StringComparer.Ordinal);

    /// <summary>Arms a slot for a chat; null when one is already armed (another welcome is being prepared).</summary>
    public WelcomeSlot? TryArm(string chatId)
    {
        var slot = new WelcomeSlot();
        return _slots.TryAdd(chatId, slot) ? slot : null;
    }

    /// <summary>Removes a chat's slot, if it is still this one.</summary>
    public void Release(string chatId, WelcomeSlot slot) => _slots.TryRemove(KeyValuePair.Create(chatId, slot));

    /// <summary>Returns the armed slot of a chat, if any.</summary>
    public WelcomeSlot? Find(string chatId) => _slots.TryGetValue(chatId, out var slot) ? slot : null;
}
