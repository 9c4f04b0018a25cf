using ChatFlow.Channels.WebChat.Visitors;

namespace ChatFlow.Channels.WebChat.Conversations;

/// <summary>
/// One visitor's bounded message log with increasing ids, the keys already appended (so retries
/// are not shown twice), a sliding-window rate counter and a signal for waiting event streams.
/// Ids start above <c>idBase</c>, which the store derives from the clock, so a new log of the same
/// visitor (after a restart or an eviction) never hands out an id that an earlier log did.
/// Once evicted, the log takes no more entries: the store then appends to the visitor's new log.
/// A log with an open event stream is never evicted, so a stream never waits on a log the store forgot.
/// </summary>
internal sealed class VisitorLog(int historyLimit, long idBase, DateTimeOffset created)
{
    private readonly Lock _gate = new();
    private readonly Queue<WebChatEntry> _entries = new();
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _keyOrder = new();
    private readonly SlidingWindow _recent = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastId = idBase;
    private bool _any;
    private bool _evicted;
    private int _streams;

    // Written under the gate, read without it by the store's eviction; ticks, so that a read is never torn.
    private long _lastActive = created.UtcTicks;

    /// <summary>Gets when the visitor was last active: wrote, got a reply, or opened or closed an event stream.</summary>
    public DateTimeOffset LastActive
    {
        get => new(Volatile.Read(ref _lastActive), TimeSpan.Zero);
        private set => Volatile.Write(ref _lastActive, value.UtcTicks);
    }

    /// <summary>Gets how many event streams of this visitor are open.</summary>
    public int OpenStreams => Volatile.Read(ref _streams);

    /// <summary>Gets the id of the newest entry; 0 while the log has none.</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _any ? _lastId : 0;
            }
        }
    }

    /// <summary>
    /// Appends an entry unless <paramref name="key"/> was appended before: gives the entry's id and whether it is new.
    /// Returns false, appending nothing, once the log was evicted.
    /// </summary>
    public bool TryAppend(Func<long, WebChatEntry> create, string? key, DateTimeOffset now, out long id, out bool added)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_evicted)
            {
                (id, added) = (0, false);
                return false;
            }

            LastActive = now;
            if (key is not null && _keys.TryGetValue(key, out var existing))
            {
                (id, added) = (existing, false);
                return true;
            }

            id = ++_lastId;
            _any = true;
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
        added = true;
        return true;
    }

    /// <summary>Returns the entries after <paramref name="afterId"/> and a task that completes on the next append.</summary>
    public List<WebChatEntry> After(long afterId, out Task changed) => After(afterId, out changed, out _);

    /// <summary>
    /// Returns the entries after <paramref name="afterId"/>, a task that completes on the next append and,
    /// from the same moment, the id of the newest entry (0 while there is none).
    /// </summary>
    public List<WebChatEntry> After(long afterId, out Task changed, out long lastId)
    {
        lock (_gate)
        {
            changed = _changed.Task;
            lastId = _any ? _lastId : 0;
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
            return _recent.TryTake(now, limit, window, out retryAfter);
        }
    }

    /// <summary>Counts an event stream opened now (activity); false once the log was evicted.</summary>
    public bool TryOpenStream(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_evicted)
            {
                return false;
            }

            LastActive = now;
            _streams++;
            return true;
        }
    }

    /// <summary>Counts an event stream closed now; the visitor was active until then.</summary>
    public void CloseStream(DateTimeOffset now)
    {
        lock (_gate)
        {
            LastActive = now;
            _streams--;
        }
    }

    /// <summary>
    /// Closes the log to new entries and gives the highest id it handed out (or its base);
    /// refuses while an event stream is open.
    /// </summary>
    public bool TryEvict(out long lastId)
    {
        lock (_gate)
        {
            lastId = _lastId;
            if (_streams > 0)
            {
                return false;
            }

            _evicted = true;
            return true;
        }
    }
}
