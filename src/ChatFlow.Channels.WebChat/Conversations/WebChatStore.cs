using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Conversations;

/// <summary>
/// All visitors' logs, in memory, bounded by <see cref="WebChatOptions.MaxVisitors"/> and <see cref="WebChatOptions.HistoryLimit"/>.
/// Entry ids never go backwards for a visitor, though nothing is persisted: a new log's ids start at the current
/// time in microseconds since 1970 (and above every id of a log this store evicted), so a log created after a
/// restart or an eviction continues above the ids that an open widget has already seen. A log would have to take
/// more than a million entries a second to run into the ids of a later one.
/// </summary>
internal sealed class WebChatStore(IOptions<WebChatOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, VisitorLog> _visitors = new(StringComparer.Ordinal);
    private readonly Lock _evictGate = new();

    /// <summary>The highest id an evicted log handed out; a new log starts above it even if the clock has not moved.</summary>
    private long _evictedIds;

    public TimeProvider Time => time;

    public VisitorLog Get(string visitorId)
    {
        if (_visitors.TryGetValue(visitorId, out var log))
        {
            return log;
        }

        log = _visitors.GetOrAdd(visitorId, _ => new VisitorLog(options.Value.HistoryLimit, NewIdBase(), time.GetUtcNow()));
        if (_visitors.Count > options.Value.MaxVisitors)
        {
            Evict(visitorId);
        }

        return log;
    }

    /// <summary>
    /// Returns the visitor's log with an event stream counted on it, which keeps the log from being evicted
    /// until <see cref="VisitorLog.CloseStream"/>.
    /// </summary>
    public VisitorLog OpenStream(string visitorId)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var log = Get(visitorId);
            if (log.TryOpenStream(time.GetUtcNow()))
            {
                return log;
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Returns the visitor's log if there is one, without creating it.</summary>
    public VisitorLog? Find(string visitorId) => _visitors.TryGetValue(visitorId, out var log) ? log : null;

    public long AppendVisitorMessage(string visitorId, string text, string? clientId, out bool added)
    {
        var now = time.GetUtcNow();
        var key = clientId is null ? null : "in:" + clientId;
        return Append(visitorId, i => new WebChatEntry(i, WebChatEntry.Visitor, now) { Text = text }, key, now, out added);
    }

    public long AppendBotMessage(string visitorId, OutgoingMessage message, string idempotencyKey)
    {
        var now = time.GetUtcNow();
        return Append(visitorId, i => Render(i, now, message), "out:" + idempotencyKey, now, out _);
    }

    private long Append(string visitorId, Func<long, WebChatEntry> create, string? key, DateTimeOffset now, out bool added)
    {
        // A log evicted between finding it and appending takes nothing; the entry goes to the visitor's new log.
        var spin = default(SpinWait);
        while (true)
        {
            if (Get(visitorId).TryAppend(create, key, now, out var id, out added))
            {
                return id;
            }

            spin.SpinOnce();
        }
    }

    private long NewIdBase()
    {
        var now = time.GetUtcNow();
        var micros = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        return Math.Max(micros, Interlocked.Read(ref _evictedIds));
    }

    private static WebChatEntry Render(long id, DateTimeOffset now, OutgoingMessage message)
    {
        var text = message.Text;
        WebChatMedia? media = null;
        if (message.Media is { } m)
        {
            if (!m.IsFileReference && IsShowableUrl(m.Source))
            {
                media = new WebChatMedia(m.Kind.Value, m.Source, m.FileName);
            }
            else if (m.FileName is not null)
            {
                text = string.IsNullOrEmpty(text) ? "[" + m.FileName + "]" : text + "\n[" + m.FileName + "]";
            }
        }

        var keyboard = message.Keyboard;
        return new WebChatEntry(id, WebChatEntry.Bot, now)
        {
            Text = text,
            Media = media,
            RemoveKeyboard = message.RemoveKeyboard,
            Inline = keyboard?.Inline ?? false,
            OneTime = keyboard?.OneTime ?? false,
            Placeholder = keyboard?.Placeholder,
            Buttons = keyboard?.Rows
                .Select(row => (IReadOnlyList<WebChatButton>)row.Select(ToButton).ToList())
                .ToList(),
        };
    }

    private static WebChatButton ToButton(Button b) => b.Kind switch
    {
        ButtonKind.Url => new WebChatButton(b.Label, "url", null, b.Url),
        ButtonKind.Callback => new WebChatButton(b.Label, "callback", b.EffectivePayload, null),
        _ => new WebChatButton(b.Label, "reply", null, null),
    };

    private static bool IsShowableUrl(string source) =>
        (source.StartsWith('/') && !source.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>
    /// Forgets visitors beyond <see cref="WebChatOptions.MaxVisitors"/>: of those without an open event stream, the one
    /// whose last activity is oldest first. Visitors watching the chat are never forgotten, so the count may exceed the
    /// limit by the visitors with an open stream; whoever creates a log (a visitor, or a bot reply to an unknown visitor)
    /// can only push out idle visitors.
    /// </summary>
    private void Evict(string keep)
    {
        lock (_evictGate)
        {
            while (_visitors.Count > options.Value.MaxVisitors)
            {
                KeyValuePair<string, VisitorLog>? candidate = null;
                foreach (var pair in _visitors)
                {
                    if (pair.Key != keep && pair.Value.OpenStreams == 0
                        && (candidate is null || pair.Value.LastActive < candidate.Value.Value.LastActive))
                    {
                        candidate = pair;
                    }
                }

                if (candidate is not { } oldest)
                {
                    return;
                }

                // Closed first, so its last id is final before a new log of this visitor can be created;
                // refused when a stream opened on it meanwhile (the next pass skips it).
                if (!oldest.Value.TryEvict(out var last))
                {
                    continue;
                }

                if (last > Interlocked.Read(ref _evictedIds))
                {
                    Interlocked.Exchange(ref _evictedIds, last);
                }

                _visitors.TryRemove(oldest);
            }
        }
    }
}
