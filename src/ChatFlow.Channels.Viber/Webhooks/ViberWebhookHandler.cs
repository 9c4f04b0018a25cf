using System.Text.Json;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// Viber's webhook, independent of the web framework: checks <c>X-Viber-Content-Signature</c> over
/// the raw body before parsing anything, maps callbacks to messages for the bot, answers
/// <c>conversation_started</c> with the scenario's welcome message, and hands delivery receipts to
/// <see cref="ViberOptions.OnReceipt"/>. Host it at the address given as <see cref="ViberOptions.WebhookUrl"/>.
/// </summary>
public sealed class ViberWebhookHandler : IWebhookHandler
{
    private const int RememberedCallbacks = 4096;
    private readonly ViberChannel _channel;
    private readonly Func<IChatDispatcher> _dispatcher;
    private readonly RecentEvents _recent = new(RememberedCallbacks);

    /// <summary>Creates the webhook handler of a channel.</summary>
    /// <param name="channel">The channel whose token signs the callbacks and which sends the replies.</param>
    /// <param name="dispatcher">The bot that processes the messages (a <see cref="ChatBot"/>).</param>
    public ViberWebhookHandler(ViberChannel channel, IChatDispatcher dispatcher)
        : this(channel, () => dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        channel.Dispatcher ??= () => dispatcher;
    }

    internal ViberWebhookHandler(ViberChannel channel, Func<IChatDispatcher> dispatcher, string? botName = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _dispatcher = dispatcher;
        BotName = botName;
    }

    /// <inheritdoc />
    public ChannelId Channel => ChannelId.Viber;

    /// <inheritdoc />
    /// <remarks>Null for the default bot and for a handler created with the public constructor.</remarks>
    public string? BotName { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Answers 413 for a body over <see cref="ViberOptions.MaxWebhookBodyBytes"/>, 401 for a missing or
    /// wrong signature, 400 for a body that is not a Viber callback, 503 when the bot cannot take the
    /// message (Viber delivers it again), and 200 otherwise: with the welcome message as JSON for
    /// <c>conversation_started</c>, empty for everything else, repeats and unknown events included.
    /// </remarks>
    public async ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _channel.Options;
        if (request.Body.Length > options.MaxWebhookBodyBytes)
        {
            return Reject(413, $"the body is {request.Body.Length} bytes, more than ViberOptions.MaxWebhookBodyBytes ({options.MaxWebhookBodyBytes})");
        }

        var signature = request.GetHeader(ViberSignature.Header);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Reject(401, "no " + ViberSignature.Header + " header");
        }

        if (!ViberSignature.Verify(options.AuthToken, request.Body.Span, signature))
        {
            return Reject(401, "the signature does not match the body");
        }

        ViberCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize(request.Body.Span, ViberJsonContext.Default.ViberCallback);
        }
        catch (JsonException)
        {
            return Reject(400, "the body is not valid JSON");
        }

        if (callback?.Event is not { Length: > 0 } eventName)
        {
            return Reject(400, "the body has no event");
        }

        var key = callback.MessageToken is { } token ? eventName + ":" + token : null;
        if (key is not null && !_recent.TryAdd(key))
        {
            ViberLog.DuplicateCallback(_channel.Logger, key);
            return WebhookResponse.Ok;
        }

        try
        {
            return eventName switch
            {
                "message" => await OnMessageAsync(callback, cancellationToken).ConfigureAwait(false),
                "subscribed" => await OnLifecycleAsync(callback, LifecycleEvent.Subscribed, callback.User?.Id, cancellationToken).ConfigureAwait(false),
                "unsubscribed" => await OnLifecycleAsync(callback, LifecycleEvent.Unsubscribed, callback.UserId ?? callback.User?.Id, cancellationToken).ConfigureAwait(false),
                "conversation_started" => await OnConversationStartedAsync(callback, cancellationToken).ConfigureAwait(false),
                "delivered" => await OnReceiptAsync(callback, ViberReceiptKind.Delivered, cancellationToken).ConfigureAwait(false),
                "seen" => await OnReceiptAsync(callback, ViberReceiptKind.Seen, cancellationToken).ConfigureAwait(false),
                "failed" => await OnReceiptAsync(callback, ViberReceiptKind.Failed, cancellationToken).ConfigureAwait(false),
                "webhook" => Checked(),
                _ => Unknown(eventName),
            };
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The bot is stopping or the request was abandoned: let Viber deliver the callback again.
            if (key is not null)
            {
                _recent.Remove(key);
            }

            ViberLog.DispatchFailed(_channel.Logger, ex, eventName);
            return WebhookResponse.Text(503, "try again later");
        }
    }

    private WebhookResponse Reject(int statusCode, string reason)
    {
        ViberLog.WebhookRejected(_channel.Logger, statusCode, reason);
        return WebhookResponse.Text(statusCode, reason);
    }

    private WebhookResponse Checked()
    {
        ViberLog.WebhookChecked(_channel.Logger);
        return WebhookResponse.Ok;
    }

    private WebhookResponse Unknown(string eventName)
    {
        ViberLog.UnknownEvent(_channel.Logger, eventName);
        return WebhookResponse.Ok;
    }

    private async ValueTask<WebhookResponse> OnMessageAsync(ViberCallback callback, CancellationToken cancellationToken)
    {
        if (callback.Sender is not { Id: { Length: > 0 } userId } sender)
        {
            return Reject(400, "a message callback without a sender");
        }

        _channel.NoteUserMessage(userId);
        var message = CallbackMapper.FromMessage(callback, sender, _channel.TimeProvider);
        if (message is null)
        {
            ViberLog.IgnoredMessage(_channel.Logger, callback.Message?.Type, new ConversationAddress(ChannelId.Viber, userId));
            return WebhookResponse.Ok;
        }

        await _dispatcher().EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        return WebhookResponse.Ok;
    }

    private async ValueTask<WebhookResponse> OnLifecycleAsync(ViberCallback callback, LifecycleEvent lifecycleEvent, string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return Reject(400, $"a {callback.Event} callback without a user");
        }

        var message = CallbackMapper.FromLifecycle(callback, lifecycleEvent, userId, callback.User, _channel.TimeProvider);
        await _dispatcher().EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        return WebhookResponse.Ok;
    }

    private async ValueTask<WebhookResponse> OnReceiptAsync(ViberCallback callback, ViberReceiptKind kind, CancellationToken cancellationToken)
    {
        if (_channel.Options.OnReceipt is not { } onReceipt || CallbackMapper.ToReceipt(callback, kind, _channel.TimeProvider) is not { } receipt)
        {
            return WebhookResponse.Ok;
        }

        try
        {
            await onReceipt(receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ViberLog.ReceiptHandlerFailed(_channel.Logger, ex, kind);
        }

        return WebhookResponse.Ok;
    }

    /// <summary>
    /// The user opened the chat. Only a welcome message in this answer can reach them, so the
    /// conversation_started event is dispatched while a slot catches the scenario's replies, and
    /// the first becomes the answer's body. A deadline guards it; replies after it are dropped.
    /// </summary>
    private async ValueTask<WebhookResponse> OnConversationStartedAsync(ViberCallback callback, CancellationToken cancellationToken)
    {
        if (callback.User?.Id is not { Length: > 0 } userId)
        {
            return Reject(400, "a conversation_started callback without a user");
        }

        var message = CallbackMapper.FromLifecycle(callback, LifecycleEvent.ConversationStarted, userId, callback.User, _channel.TimeProvider);
        var address = message.Address;
        var slot = _channel.Welcomes.TryArm(userId);
        if (slot is null)
        {
            ViberLog.WelcomeBusy(_channel.Logger, address);
            return WebhookResponse.Ok;
        }

        Task<DispatchResult> dispatch;
        try
        {
            // Not cancelled with the request: once accepted, the event is processed to the end.
            dispatch = _dispatcher().DispatchAsync(message, CancellationToken.None).AsTask();
        }
        catch
        {
            _channel.Welcomes.Release(userId, slot);
            throw;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(_channel.Options.WelcomeTimeout, _channel.TimeProvider, deadline.Token);
        if (await Task.WhenAny(dispatch, timeout).ConfigureAwait(false) != dispatch)
        {
            slot.Close();
            _ = dispatch.ContinueWith(_ => _channel.Welcomes.Release(userId, slot), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ViberLog.WelcomeTimedOut(_channel.Logger, address, _channel.Options.WelcomeTimeout);
            return WebhookResponse.Ok;
        }

        await deadline.CancelAsync().ConfigureAwait(false);
        var welcome = slot.Close();
        _channel.Welcomes.Release(userId, slot);
        await dispatch.ConfigureAwait(false);
        if (welcome is null)
        {
            return WebhookResponse.Ok;
        }

        var json = await _channel.RenderWelcomeAsync(address, welcome, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return WebhookResponse.Ok;
        }

        ViberLog.WelcomeSent(_channel.Logger, address);
        return WebhookResponse.Json(json);
    }
}
