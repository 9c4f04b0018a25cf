using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChatFlow;

/// <summary>
/// A running bot: it takes messages from channels, runs them through the scenario one at a time
/// per conversation, saves each conversation with its replies in one versioned write, and then
/// delivers the replies with retries. Durable timers and failed sends are picked up by
/// <see cref="RunDueWorkAsync"/>, which the hosted worker calls periodically.
/// </summary>
public sealed class ChatBot : IChatDispatcher, IAsyncDisposable, IDisposable
{
    private readonly Dictionary<ChannelId, IChatChannel> _channels;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly ChatBotOptions _options;
    private readonly ScenarioEngine _engine;
    private readonly ConversationQueue _queue;
    private readonly ChatHandler _pipeline;
    private readonly SemaphoreSlim _queuedSlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ReplyDelivery _delivery;

    internal ChatBot(
        Scenario[] scenarios,
        IChatChannel[] channels,
        IConversationStore store,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IServiceProvider services,
        IChatMiddleware[] middleware,
        ChatBotOptions options,
        string? name = null)
    {
        Name = name;
        Scenarios = scenarios;
        _channels = channels.ToDictionary(c => c.Id);
        Store = store;
        TimeProvider = timeProvider;
        _services = services;
        _logger = loggerFactory.CreateLogger("ChatFlow");
        _options = options;
        _engine = new ScenarioEngine(scenarios, options, name);
        _delivery = new ReplyDelivery(store, timeProvider, _logger, options, name);
        _queuedSlots = new SemaphoreSlim(options.MaxQueuedMessages, options.MaxQueuedMessages);
        _queue = new ConversationQueue(ProcessAsync, item =>
        {
            if (item.Counted)
            {
                _queuedSlots.Release();
            }
        });

        ChatHandler pipeline = _engine.HandleAsync;
        for (var i = middleware.Length - 1; i >= 0; i--)
        {
            var next = pipeline;
            var current = middleware[i];
            pipeline = (c, ct) => current.InvokeAsync(c, next, ct);
        }

        _pipeline = pipeline;
        CapabilityCheck.Warn(_logger, scenarios, channels);
    }

    /// <summary>
    /// Gets the bot's name when it is one of several in a host (<c>services.AddChatFlow("support")</c>, where it is also the
    /// bot's service key); null for the default bot and for bots made with <see cref="Create(Action{ChatBotBuilder})"/>.
    /// </summary>
    public string? Name { get; }

    /// <summary>Gets the bot's scenarios; the first is the main one.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>Gets the channels replies are sent through.</summary>
    public IReadOnlyCollection<IChatChannel> Channels => _channels.Values;

    /// <summary>Gets where conversations are kept.</summary>
    public IConversationStore Store { get; }

    /// <summary>Gets the bot's clock.</summary>
    public TimeProvider TimeProvider { get; }

    internal ChatBotOptions Options => _options;

    /// <summary>Gets how many conversations have a mailbox in the queue (running, waiting or recently idle).</summary>
    internal int QueuedConversations => _queue.Mailboxes;

    /// <summary>Creates a bot without a DI container.</summary>
    /// <param name="configure">Adds scenarios and channels, and sets the store, clock and options.</param>
    /// <returns>The bot.</returns>
    public static ChatBot Create(Action<ChatBotBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ChatBotBuilder();
        configure(builder);
        return builder.Build();
    }

    /// <summary>Gets a registered channel by name.</summary>
    /// <param name="id">The channel's name.</param>
    /// <returns>The channel, or null.</returns>
    public IChatChannel? GetChannel(ChannelId id) => _channels.GetValueOrDefault(id);

    /// <inheritdoc />
    public ValueTask<DispatchResult> DispatchAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        return _queue.RunAsync(message.Address, message, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        await _queuedSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        _queue.Post(new WorkItem(message.Address, message) { Counted = true });
    }

    /// <summary>
    /// Fires due step timeouts and retries due replies, each through its conversation's queue.
    /// The hosted worker calls this every <see cref="ChatBotOptions.DuePollInterval"/>; tests call it
    /// after advancing a fake clock.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The number of conversations that had something due.</returns>
    public async ValueTask<int> RunDueWorkAsync(CancellationToken cancellationToken = default)
    {
        _queue.Sweep();
        const int Batch = 256;
        var total = 0;

        // Bounded: conversations that stay due (a store that keeps failing) wait for the next run.
        for (var round = 0; round < 16; round++)
        {
            var due = await Store.GetDueAsync(TimeProvider.GetUtcNow(), Batch, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return total;
            }

            var runs = new Task<DispatchResult>[due.Count];
            for (var i = 0; i < due.Count; i++)
            {
                runs[i] = _queue.RunAsync(due[i], null, cancellationToken).AsTask();
            }

            await Task.WhenAll(runs).ConfigureAwait(false);
            total += due.Count;
            if (due.Count < Batch)
            {
                return total;
            }
        }

        return total;
    }

    /// <summary>Gets a conversation as stored (a copy the caller may change), or null when it does not exist.</summary>
    /// <param name="address">The conversation's address.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A copy of the conversation.</returns>
    public async ValueTask<ConversationState?> GetConversationAsync(ConversationAddress address, CancellationToken cancellationToken = default)
    {
        return await Store.LoadAsync(address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns a conversation from an operator to the bot and enters a step (the main scenario's start
    /// step by default), saying its replies.
    /// </summary>
    /// <param name="address">The conversation's address.</param>
    /// <param name="step">The step of the main scenario to continue at; the start step when null.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the step is entered and its replies are sent.</returns>
    public async ValueTask ReturnToBotAsync(ConversationAddress address, string? step = null, CancellationToken cancellationToken = default)
    {
        var message = new IncomingMessage(address, new ChatUser("operator"), new ReturnToBotContent(step)) { Timestamp = TimeProvider.GetUtcNow() };
        await _queue.RunAsync(address, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends messages to a conversation from outside a dispatch (an operator's answer while the
    /// conversation is handed off, a notification, a step of a mailing). They go through the
    /// conversation's queue and outbox like any reply: ordered after earlier replies, saved before
    /// they are sent, retried, and dropped for a user who cannot be reached.
    /// </summary>
    /// <param name="address">The conversation.</param>
    /// <param name="messages">The messages, in order.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the messages are saved and handed to the channel (or queued for a retry).</returns>
    public async ValueTask<DispatchResult> SendAsync(ConversationAddress address, IEnumerable<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var list = messages.ToArray();
        if (list.Length == 0 || Array.Exists(list, m => m is null))
        {
            throw new ArgumentException("Give at least one message, and no null ones.", nameof(messages));
        }

        var message = new IncomingMessage(address, new ChatUser("system"), new ProactiveContent(list)) { Timestamp = TimeProvider.GetUtcNow() };
        return await _queue.RunAsync(address, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a conversation to a new address with everything it holds (step, values, timers, unsent
    /// replies), for a chat whose platform id changed (a Telegram group upgraded to a supergroup).
    /// </summary>
    /// <param name="from">The old address.</param>
    /// <param name="to">The new address.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns><see langword="true"/> when moved; <see langword="false"/> when there was nothing to move or the new address is taken.</returns>
    public async ValueTask<bool> MoveConversationAsync(ConversationAddress from, ConversationAddress to, CancellationToken cancellationToken = default)
    {
        var message = new IncomingMessage(from, new ChatUser("system"), new MoveConversationContent(to)) { Timestamp = TimeProvider.GetUtcNow() };
        var result = await _queue.RunAsync(from, message, cancellationToken).ConfigureAwait(false);
        return result.Status == DispatchStatus.Handled;
    }

    /// <summary>Waits until every message accepted by <see cref="EnqueueAsync"/> has been processed.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>A task that completes when the bot is idle.</returns>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => _queue.WhenIdleAsync(cancellationToken);

    /// <summary>Stops taking messages and waits for the accepted ones to be processed.</summary>
    /// <returns>A task that completes when the bot has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _queue.WhenIdleAsync(CancellationToken.None).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops taking messages without waiting for the accepted ones; prefer <see cref="DisposeAsync"/>,
    /// which waits (the hosted worker waits on shutdown as well).
    /// </summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
    }

    private async ValueTask<DispatchResult> ProcessAsync(ConversationAddress address, IncomingMessage? message)
    {
        var ct = _stopping.Token;
        try
        {
            if (message is null)
            {
                return await WakeAsync(address, ct).ConfigureAwait(false);
            }

            if (message.Content is MoveConversationContent move)
            {
                return await MoveAsync(address, move.To, ct).ConfigureAwait(false);
            }

            var started = ChatFlowTelemetry.Duration.Enabled ? Stopwatch.GetTimestamp() : 0;
            using var activity = ChatFlowTelemetry.Source.StartActivity("chatflow.process");
            activity?.SetTag("chatflow.conversation", address.ToString());
            if (Name is not null)
            {
                activity?.SetTag("chatflow.bot", Name);
            }
            var result = await ProcessMessageAsync(message, ct).ConfigureAwait(false);
            activity?.SetTag("chatflow.status", result.Status.ToString());
            if (started != 0)
            {
                ChatFlowTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, ChatFlowTelemetry.Tags(address, Name));
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.ProcessingFailed(_logger, ex, address);
            return new DispatchResult(DispatchStatus.Failed, null, 0);
        }
    }

    private async ValueTask<DispatchResult> ProcessMessageAsync(IncomingMessage message, CancellationToken ct)
    {
        var address = message.Address;
        ChatFlowTelemetry.Received.Add(1, ChatFlowTelemetry.Tags(address, Name));
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Processing(_logger, address, message.Content);
            Log.MessageText(_logger, address, message.Text);
        }

        var channel = GetChannel(address.Channel);
        var now = TimeProvider.GetUtcNow();
        for (var attempt = 1; attempt <= _options.MaxSaveAttempts; attempt++)
        {
            var stored = await Store.LoadAsync(address, ct).ConfigureAwait(false);
            if (message.UpdateId is { } updateId && stored is not null && stored.RecentUpdates.Contains(updateId))
            {
                Log.DuplicateDropped(_logger, address, updateId);
                ChatFlowTelemetry.Duplicates.Add(1, ChatFlowTelemetry.Tags(address, Name));
                await _delivery.DeliverAsync(stored, channel, ct).ConfigureAwait(false);
                return new DispatchResult(DispatchStatus.Duplicate, stored.Step, 0);
            }

            var work = stored ?? NewConversation(address, now);
            var context = new ConversationContext(work, IncomingPreparation.Prepare(message, work), channel, _services, TimeProvider, _logger);
            try
            {
                if (context.Message.Content is ReturnToBotContent back)
                {
                    await _engine.EnterAsync(context, back.Step, ct).ConfigureAwait(false);
                }
                else if (context.Message.Content is ProactiveContent proactive)
                {
                    foreach (var reply in proactive.Messages)
                    {
                        context.Say(reply);
                    }
                }
                else
                {
                    await _pipeline(context, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Log.UserCodeFailed(_logger, ex, address, work.Step);
                ChatFlowTelemetry.Errors.Add(1, ChatFlowTelemetry.Tags(address, Name));
                // Back to the last good state: the stored one, loaded again (the loaded copy was changed).
                work = await Store.LoadAsync(address, ct).ConfigureAwait(false) ?? NewConversation(address, now);
                IncomingPreparation.Prepare(message, work);
                context.State = work;
                context.ResetReplies();
                context.Say(_options.Apology);
                context.Status = DispatchStatus.Failed;
            }

            Remember(work, message.UpdateId);
            var replies = context.ReplyList;
            if (work.Unreachable)
            {
                // Nothing can reach a user who blocked the bot, and nothing said now should arrive later.
                work.Outbox.Clear();
            }
            else if (replies is { Count: > 0 })
            {
                foreach (var reply in replies)
                {
                    work.Outbox.Add(new PendingReply { Sequence = work.NextReplySequence++, Message = reply, NotBefore = now });
                }
            }

            work.UpdatedAt = now;
            if (await Store.TrySaveAsync(work, work.Version, ct).ConfigureAwait(false))
            {
                await _delivery.DeliverAsync(work, channel, ct).ConfigureAwait(false);
                return new DispatchResult(context.Status, work.Step, replies?.Count ?? 0);
            }

            Log.SaveConflict(_logger, address, attempt);
        }

        Log.SaveFailed(_logger, address, _options.MaxSaveAttempts);
        return new DispatchResult(DispatchStatus.Failed, null, 0);
    }

    private async ValueTask<DispatchResult> MoveAsync(ConversationAddress from, ConversationAddress to, CancellationToken ct)
    {
        var state = await Store.LoadAsync(from, ct).ConfigureAwait(false);
        if (state is null || from == to)
        {
            return new DispatchResult(DispatchStatus.Ignored, null, 0);
        }

        var version = state.Version;
        var moved = state;
        moved.Address = to;
        if (!await Store.TrySaveAsync(moved, 0, ct).ConfigureAwait(false))
        {
            return new DispatchResult(DispatchStatus.Ignored, state.Step, 0);
        }

        await Store.TryDeleteAsync(from, version, ct).ConfigureAwait(false);
        return new DispatchResult(DispatchStatus.Handled, moved.Step, 0);
    }

    private static ConversationState NewConversation(ConversationAddress address, DateTimeOffset now) =>
        new() { Address = address, CreatedAt = now, UpdatedAt = now };

    private void Remember(ConversationState work, string? updateId)
    {
        if (updateId is null)
        {
            return;
        }

        work.RecentUpdates.Add(updateId);
        if (work.RecentUpdates.Count > _options.RememberedUpdates)
        {
            work.RecentUpdates.RemoveRange(0, work.RecentUpdates.Count - _options.RememberedUpdates);
        }
    }

    /// <summary>Fires the conversation's due timers, then sends its due replies.</summary>
    private async ValueTask<DispatchResult> WakeAsync(ConversationAddress address, CancellationToken ct)
    {
        var state = await Store.LoadAsync(address, ct).ConfigureAwait(false);
        if (state is null)
        {
            return new DispatchResult(DispatchStatus.Ignored, null, 0);
        }

        var now = TimeProvider.GetUtcNow();
        var result = new DispatchResult(DispatchStatus.Ignored, state.Step, 0);
        foreach (var timer in state.Timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ToList())
        {
            var message = new IncomingMessage(address, state.User ?? new ChatUser("system"), new TimerContent(timer)) { Timestamp = now };
            result = await ProcessMessageAsync(message, ct).ConfigureAwait(false);
        }

        state = await Store.LoadAsync(address, ct).ConfigureAwait(false);
        if (state is not null)
        {
            await _delivery.DeliverAsync(state, GetChannel(address.Channel), ct).ConfigureAwait(false);
        }

        return result;
    }
}
