namespace ChatFlow.Channels.Telegram;

/// <summary>
/// Paces sends under Telegram's flood limits: one bucket per chat (private chats) or per group
/// (negative chat ids), and one global bucket. Driven by a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TelegramPacer(TelegramPacingOptions options, TimeProvider time)
{
    private const int CleanupThreshold = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TokenBucket> _chats = [];
    private TokenBucket? _global;

    /// <summary>Reserves a send to <paramref name="chatId"/> and returns how long to wait before it.</summary>
    public TimeSpan Reserve(long chatId)
    {
        if (!options.Enabled)
        {
            return TimeSpan.Zero;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            _global ??= new TokenBucket(options.GlobalPerSecond, options.GlobalBurst, now);
            if (!_chats.TryGetValue(chatId, out var chat))
            {
                if (_chats.Count >= CleanupThreshold)
                {
                    foreach (var key in _chats.Where(c => c.Value.IsFull(now)).Select(c => c.Key).ToList())
                    {
                        _chats.Remove(key);
                    }
                }

                chat = chatId < 0
                    ? new TokenBucket(options.PerGroupPerMinute / 60.0, options.PerGroupBurst, now)
                    : new TokenBucket(options.PerChatPerSecond, options.PerChatBurst, now);
                _chats[chatId] = chat;
            }

            var wait = chat.Reserve(now);
            var global = _global.Reserve(now);
            return wait > global ? wait : global;
        }
    }

    /// <summary>Waits until a send to <paramref name="chatId"/> is allowed.</summary>
    public Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        var wait = Reserve(chatId);
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
    }
}
