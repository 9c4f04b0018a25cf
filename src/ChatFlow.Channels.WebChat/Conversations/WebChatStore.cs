using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Conversations;

/// <summary>All visitors' logs, in memory, bounded by <see cref="WebChatOptions.MaxVisitors"/> and <see cref="WebChatOptions.HistoryLimit"/>.</summary>
internal sealed class WebChatStore(IOptions<WebChatOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, VisitorLog> _visitors = new(StringComparer.Ordinal);
    private readonly Lock _evictGate = new();

    public TimeProvider Time => time;

    public VisitorLog Get(string visitorId)
    {
        if (_visitors.TryGetValue(visitorId, out var log))
        {
            return log;
        }

        log = _visitors.GetOrAdd(visitorId, _ => new VisitorLog(options.Value.HistoryLimit));
        if (_visitors.Count > options.Value.MaxVisitors)
        {
            Evict(visitorId);
        }

        return log;
    }

    public long AppendVisitorMessage(string visitorId, string text, string? clientId, out bool added)
    {
        var now = time.GetUtcNow();
        var key = clientId is null ? null : "in:" + clientId;
        var (id, isNew) = Get(visitorId).Append(i => new WebChatEntry(i, WebChatEntry.Visitor, now) { Text = text }, key, now);
        added = isNew;
        return id;
    }

    public long AppendBotMessage(string visitorId, OutgoingMessage message, string idempotencyKey)
    {
        var now = time.GetUtcNow();
        return Get(visitorId).Append(i => Render(i, now, message), "out:" + idempotencyKey, now).Id;
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

    private void Evict(string keep)
    {
        lock (_evictGate)
        {
            while (_visitors.Count > options.Value.MaxVisitors)
            {
                var oldest = _visitors.Where(p => p.Key != keep).MinBy(p => p.Value.LastActive);
                if (oldest.Key is null)
                {
                    return;
                }

                _visitors.TryRemove(oldest.Key, out _);
            }
        }
    }
}
