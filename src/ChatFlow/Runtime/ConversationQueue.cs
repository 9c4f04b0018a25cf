using System.Collections.Concurrent;

namespace ChatFlow;

/// <summary>
/// Runs work one item at a time per conversation, in arrival order, while different
/// conversations run in parallel. An idle conversation's item runs inline on the caller's flow
/// (no thread hop, no queue allocation); items that arrive while one is running wait in the
/// conversation's mailbox and are drained on the thread pool. Drains are tracked so shutdown can
/// wait; idle mailboxes are kept for reuse and swept by <see cref="Sweep"/>.
/// </summary>
internal sealed class ConversationQueue
{
    private readonly ConcurrentDictionary<ConversationAddress, Mailbox> _boxes = new();
    private readonly ConcurrentDictionary<Task, byte> _drains = new();
    private readonly Func<ConversationAddress, IncomingMessage?, ValueTask<DispatchResult>> _process;
    private readonly Action<WorkItem> _completed;
    private int _sweepAt = 1024;

    public ConversationQueue(Func<ConversationAddress, IncomingMessage?, ValueTask<DispatchResult>> process, Action<WorkItem> completed)
    {
        _process = process;
        _completed = completed;
    }

    /// <summary>Gets the number of conversations with a mailbox (running, waiting or recently idle).</summary>
    public int Mailboxes => _boxes.Count;

    /// <summary>Runs an item and returns its result; inline when the conversation is idle.</summary>
    public ValueTask<DispatchResult> RunAsync(ConversationAddress address, IncomingMessage? message, CancellationToken cancellationToken)
    {
        while (true)
        {
            var box = _boxes.GetOrAdd(address, static a => new Mailbox(a));
            lock (box)
            {
                if (box.Retired)
                {
                    continue;
                }

                if (box.Busy)
                {
                    var item = new WorkItem(address, message) { Completion = new TaskCompletionSource<DispatchResult>(TaskCreationOptions.RunContinuationsAsynchronously) };
                    (box.Pending ??= new Queue<WorkItem>()).Enqueue(item);
                    return new ValueTask<DispatchResult>(item.Completion.Task.WaitAsync(cancellationToken));
                }

                box.Busy = true;
            }

            return RunOwnedAsync(box, message);
        }
    }

    /// <summary>Queues an item and returns without waiting for it; it runs on the thread pool.</summary>
    public void Post(WorkItem item)
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
                    (box.Pending ??= new Queue<WorkItem>()).Enqueue(item);
                    return;
                }

                box.Busy = true;
            }

            Track(Task.Run(() => DrainAsync(box, item)));
            return;
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

    /// <summary>Forgets the mailboxes of idle conversations.</summary>
    public void Sweep()
    {
        SweepIdle();
        _sweepAt = Math.Max(1024, _boxes.Count * 2);
    }

    private void SweepIdle()
    {
        foreach (var (address, box) in _boxes)
        {
            lock (box)
            {
                if (!box.Busy && box.Pending is not { Count: > 0 })
                {
                    box.Retired = true;
                    _boxes.TryRemove(new KeyValuePair<ConversationAddress, Mailbox>(address, box));
                }
            }
        }
    }

    private async ValueTask<DispatchResult> RunOwnedAsync(Mailbox box, IncomingMessage? message)
    {
        try
        {
            return await _process(box.Address, message).ConfigureAwait(false);
        }
        finally
        {
            Release(box);
        }
    }

    private void Release(Mailbox box)
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
        }

        // Without the hosted worker's periodic sweep (a bot made with ChatBot.Create), idle mailboxes
        // are forgotten whenever their number doubles.
        if (_boxes.Count > _sweepAt)
        {
            Sweep();
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
            var result = await _process(item.Address, item.Message).ConfigureAwait(false);
            item.Completion?.TrySetResult(result);
        }
        catch (Exception ex)
        {
            item.Completion?.TrySetException(ex);
        }
        finally
        {
            _completed(item);
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
