namespace ChatFlow.Channels.WebChat.Conversations;

/// <summary>
/// One visitor's bounded message log with increasing ids, the keys already appended (so retries
/// are not shown twice), a sliding-window rate counter and a signal for waiting event streams.
/// </summary>
internal sealed class VisitorLog(int historyLimit)
{
    private readonly Lock _gate = new();
    private readonly Queue<WebChatEntry> _entries = new();
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _keyOrder = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastId;

    public DateTimeOffset LastActive { get; private set; }

    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    /// <summary>Appends an entry unless <paramref name="key"/> was appended before; returns the entry's id and whether it is new.</summary>
    public (long Id, bool Added) Append(Func<long, WebChatEntry> create, string? key, DateTimeOffset now)
    {
        TaskCompletionSource signal;
        long id;
        lock (_gate)
        {
            LastActive = now;
            if (key is not null && _keys.TryGetValue(key, out var existing))
            {
                return (existing, false);
            }

            id = ++_lastId;
            _entries.Enqueue(create(id));
            while (_entries.Count > historyLimit)
            {
                _entries.Dequeue();
            }

            if (key is not null)
            {
                _keys[key] = id;
                _keyOrder.Enqueue(key);
                while (_keyOrder.Count > historyLimit * 2)
                {
                    _keys.Remove(_keyOrder.Dequeue());
                }
            }

            signal = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        return (id, true);
    }

    /// <summary>Returns the entries after <paramref name="afterId"/> and a task that completes on the next append.</summary>
    public List<WebChatEntry> After(long afterId, out Task changed)
    {
        lock (_gate)
        {
            changed = _changed.Task;
            var result = new List<WebChatEntry>();
            foreach (var entry in _entries)
            {
                if (entry.Id > afterId)
                {
                    result.Add(entry);
                }
            }

            return result;
        }
    }

    /// <summary>Takes one message from the visitor's allowance, or says how long to wait.</summary>
    public bool TryTakeRate(DateTimeOffset now, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            LastActive = now;
            while (_recent.Count > 0 && now - _recent.Peek() >= window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= limit)
            {
                retryAfter = window - (now - _recent.Peek());
                return false;
            }

            _recent.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
