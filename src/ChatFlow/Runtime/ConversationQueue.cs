using System.Collections.Concurrent;

namespace ChatFlow;

/// <summary>
/// Runs work one item at a time per conversation, in arrival order, while different
/// conversations run in parallel. An idle conversation's item runs inline on the caller's flow
/// (no thread hop, no allocation beyond the mailbox); items that arrive while one is running wait
/// in the mailbox and are drained on the thread pool. Drains are tracked so shutdown can wait.
/// </summary>
internal sealed class ConversationQueue
{
    private readonly ConcurrentDictionary<ConversationAddress, Mailbox> _boxes = new();
    private readonly ConcurrentDictionary<Task, byte> _drains = new();
    private readonly Func<WorkItem, ValueTask<DispatchResult>> _process;

    public ConversationQueue(Func<WorkItem, ValueTask<DispatchResult>> process) => _process = process;

    /// <summary>Gets the number of conversations with work running or waiting.</summary>
    public int ActiveConversations => _boxes.Count;

    /// <summary>Runs an item and returns its result; inline when the conversation is idle.</summary>
    public ValueTask<DispatchResult> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var box = Acquire(item, wait: true);
        if (box is null)
        {
            return new ValueTask<DispatchResult>(item.Completion!.Task.WaitAsync(cancellationToken));
        }

        return RunOwnedAsync(box, item);
    }

    /// <summary>Queues an item and returns without waiting for it; it runs on the thread pool.</summary>
    public void Post(WorkItem item)
    {
        var box = Acquire(item, wait: false);
        if (box is not null)
        {
            Track(Task.Run(() => DrainAsync(box, item)));
        }
    }

    /// <summary>Waits until every queued item has been processed.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (!_drains.IsEmpty)
        {
            await Task.WhenAll(_drains.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the mailbox when the caller now owns the conversation; null when the item was queued behind running work.</summary>
    private Mailbox? Acquire(WorkItem item, bool wait)
    {
        while (true)
        {
            var box = _boxes.GetOrAdd(item.Address, static a => new Mailbox(a));
            lock (box)
            {
                if (box.Retired)
                {
                    continue;
                }

                if (box.Busy)
                {
                    if (wait)
                    {
                        item.Completion = new TaskCompletionSource<DispatchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    (box.Pending ??= new Queue<WorkItem>()).Enqueue(item);
                    return null;
                }

                box.Busy = true;
                return box;
            }
        }
    }

    private async ValueTask<DispatchResult> RunOwnedAsync(Mailbox box, WorkItem item)
    {
        try
        {
            return await _process(item).ConfigureAwait(false);
        }
        finally
        {
            Release(box, item.Address);
        }
    }

    private void Release(Mailbox box, ConversationAddress address)
    {
        lock (box)
        {
            if (box.Pending is { Count: > 0 })
            {
                // Keep ownership and hand the waiting items to a drain on the thread pool.
                Track(Task.Run(() => DrainAsync(box, null)));
                return;
            }

            box.Busy = false;
            box.Retired = true;
            _boxes.TryRemove(new KeyValuePair<ConversationAddress, Mailbox>(address, box));
        }
    }

    private async Task DrainAsync(Mailbox box, WorkItem? first)
    {
        var item = first;
        while (true)
        {
            if (item is not null)
            {
                await RunOneAsync(item).ConfigureAwait(false);
            }

            lock (box)
            {
                if (box.Pending is not { Count: > 0 })
                {
                    box.Busy = false;
                    box.Retired = true;
                    _boxes.TryRemove(new KeyValuePair<ConversationAddress, Mailbox>(box.Address, box));
                    return;
                }

                item = box.Pending.Dequeue();
            }
        }
    }

    private async Task RunOneAsync(WorkItem item)
    {
        try
        {
            var result = await _process(item).ConfigureAwait(false);
            item.Completion?.TrySetResult(result);
        }
        catch (Exception ex)
        {
            item.Completion?.TrySetException(ex);
        }
    }

    private void Track(Task drain)
    {
        _drains.TryAdd(drain, 0);
        drain.ContinueWith(static (t, s) => ((ConcurrentDictionary<Task, byte>)s!).TryRemove(t, out _), _drains, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class Mailbox(ConversationAddress address)
    {
        public readonly ConversationAddress Address = address;
        public bool Busy;
        public bool Retired;
        public Queue<WorkItem>? Pending;
    }
}
