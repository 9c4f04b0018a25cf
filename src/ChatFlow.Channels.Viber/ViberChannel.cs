using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// The Viber channel: sends replies with <c>send_message</c> and mailings with
/// <c>broadcast_message</c>. Updates arrive through <see cref="ViberWebhookHandler"/>.
/// Register it with <c>services.AddChatFlow().AddViber(...)</c>, or create it directly for a bot
/// built with <see cref="ChatBot.Create"/>.
/// </summary>
public sealed class ViberChannel : IChatChannel, IBroadcastChannel
{
    /// <summary>The most receivers one <c>broadcast_message</c> request takes.</summary>
    public const int MaxBroadcastReceivers = 300;

    internal const string HttpClientName = "ChatFlow.Channels.Viber";
    private const int MaxCaptionLength = 512;
    private const int MaxButtonLabelLength = 250;
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));

    private readonly SendProgress _progress = new();
    private readonly SlidingWindowLimiter _broadcastLimiter;

    /// <summary>Creates a Viber channel.</summary>
    /// <param name="options">The channel's options; checked here.</param>
    /// <param name="httpClient">The HTTP client for Viber's API; a shared one when null.</param>
    /// <param name="timeProvider">The clock for timeouts and limits; the system clock when null.</param>
    /// <param name="loggerFactory">Where the channel logs; nowhere when null.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message says what to fix.</exception>
    public ViberChannel(ViberOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient is null ? () => SharedClient.Value : () => httpClient, timeProvider ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance, null)
    {
    }

    internal ViberChannel(ViberOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, ILoggerFactory loggerFactory, Func<IChatDispatcher?>? dispatcher)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger(ViberLog.Category);
        Dispatcher = dispatcher;
        Api = new ViberApiClient(httpClient, options, timeProvider);
        Quota = new UserQuota(options.MaxMessagesPerUserPerHour, timeProvider);
        _broadcastLimiter = new SlidingWindowLimiter(options.BroadcastRequestsPerWindow, options.BroadcastWindow, timeProvider);
        Capabilities = new ChannelCapabilities
        {
            MaxTextLength = RequestFitter.MaxTextLength,
            MaxCaptionLength = MaxCaptionLength,
            SupportsReplyKeyboard = true,
            SupportsInlineKeyboard = true,
            SupportsUrlButtons = true,
            SupportsRequestContact = true,
            SupportsRequestLocation = true,
            MaxButtons = options.MaxKeyboardButtons,
            MaxButtonsPerRow = KeyboardRenderer.ColumnsPerRow,
            MaxButtonLabelLength = MaxButtonLabelLength,
            MaxButtonPayloadBytes = 240,
            SupportsMedia = true,
            SupportsEditing = false,
        };

        if (options.MaxKeyboardButtons > 24)
        {
            ViberLog.KeyboardMayExceedLimit(Logger, options.MaxKeyboardButtons);
        }
    }

    /// <inheritdoc />
    public ChannelId Id => ChannelId.Viber;

    /// <inheritdoc />
    /// <remarks>
    /// Text up to 7000 characters, picture captions up to 512, six buttons a row, keyboards of
    /// <see cref="ViberOptions.MaxKeyboardButtons"/> buttons. Inline keyboards are shown as Viber
    /// keyboards whose callback buttons send their payload silently. Messages cannot be edited.
    /// </remarks>
    public ChannelCapabilities Capabilities { get; }

    /// <inheritdoc />
    public int MaxBroadcastRecipients => MaxBroadcastReceivers;

    internal ViberOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal ViberApiClient Api { get; }

    internal UserQuota Quota { get; }

    internal WelcomeSlots Welcomes { get; } = new();

    internal SlidingWindowLimiter BroadcastLimiter => _broadcastLimiter;

    /// <summary>Gets or sets where the channel hands the unreachable events it raises; set by DI or by the webhook handler.</summary>
    internal Func<IChatDispatcher?>? Dispatcher { get; set; }

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var address = delivery.Address;
        if (Welcomes.Find(address.ChatId) is { } slot)
        {
            // The user opened the chat but is not subscribed: the only message that can reach them
            // is the welcome in the webhook's answer.
            if (slot.Offer(delivery.Message, Capabilities.MaxTextLength))
            {
                return DeliveryResult.Sent();
            }

            ViberLog.WelcomeExtraDropped(Logger, address);
            return DeliveryResult.Sent();
        }

        var bodies = await BuildAsync(delivery, cancellationToken).ConfigureAwait(false);
        if (bodies.Error is { } error)
        {
            ViberLog.CannotRender(Logger, address, error);
            return DeliveryResult.Failed(error);
        }

        var parts = bodies.Parts!;
        var done = Math.Min(_progress.Done(delivery.IdempotencyKey), parts.Count);
        if (Quota.WaitTime(address.ChatId, parts.Count - done, out var sentInWindow) is { } wait)
        {
            ViberLog.QuotaReached(Logger, address, sentInWindow, Quota.Limit, wait);
            return DeliveryResult.RetryLater(
                $"Viber allows at most {Quota.Limit} messages to a user per hour without a reply; {sentInWindow} went to this user since they last wrote. The next can go in {wait:hh\\:mm\\:ss}.",
                wait);
        }

        long? token = null;
        for (var i = done; i < parts.Count; i++)
        {
            var call = await Api.PostAsync("send_message", parts[i], cancellationToken).ConfigureAwait(false);
            if (!call.IsOk)
            {
                return await FailAsync(call, delivery, cancellationToken).ConfigureAwait(false);
            }

            Quota.Record(address.ChatId);
            token = call.Response!.MessageToken ?? token;
            if (i < parts.Count - 1)
            {
                _progress.Advance(delivery.IdempotencyKey, i + 1);
            }
        }

        _progress.Complete(delivery.IdempotencyKey);
        ViberLog.Sent(Logger, address, parts.Count - done);
        if (Logger.IsEnabled(LogLevel.Trace))
        {
            ViberLog.SentText(Logger, address, delivery.Message.Text);
        }

        return DeliveryResult.Sent(token?.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sends <c>broadcast_message</c> requests of at most 300 receivers (fewer when the request
    /// would exceed 30 KB), at most <see cref="ViberOptions.BroadcastRequestsPerWindow"/> per
    /// <see cref="ViberOptions.BroadcastWindow"/>. Receivers in Viber's <c>failed_list</c> get their
    /// own result: unreachable for status 5 and 6, retry later for 12, failed otherwise.
    /// </remarks>
    public async ValueTask<BroadcastResult> BroadcastAsync(IReadOnlyList<string> chatIds, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        ArgumentNullException.ThrowIfNull(message);
        var results = new Dictionary<string, DeliveryResult>(StringComparer.Ordinal);
        var receivers = chatIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (receivers.Count == 0)
        {
            return new BroadcastResult(results);
        }

        var size = await MediaSizeAsync(message, cancellationToken).ConfigureAwait(false);
        var requests = MessageRenderer.Render(message, Options, null, size, out var error);
        if (requests is null)
        {
            foreach (var receiver in receivers)
            {
                results[receiver] = DeliveryResult.Failed(error!);
            }

            return new BroadcastResult(results);
        }

        for (var start = 0; start < receivers.Count; start += MaxBroadcastReceivers)
        {
            var chunk = receivers.GetRange(start, Math.Min(MaxBroadcastReceivers, receivers.Count - start));
            await BroadcastChunkAsync(chunk, requests, results, cancellationToken).ConfigureAwait(false);
        }

        ViberLog.Broadcast(Logger, receivers.Count, results.Count(r => r.Value.Status != DeliveryStatus.Sent));
        return new BroadcastResult(results);
    }

    /// <summary>Notes that a user wrote: Viber resets their hourly count.</summary>
    internal void NoteUserMessage(string userId) => Quota.Reset(userId);

    /// <summary>Renders a welcome message as the JSON body of the webhook's answer; null when it cannot be.</summary>
    internal async ValueTask<string?> RenderWelcomeAsync(ConversationAddress address, OutgoingMessage welcome, CancellationToken cancellationToken)
    {
        var delivery = new OutgoingDelivery(address, welcome, address + "/welcome");
        var size = await MediaSizeAsync(welcome, cancellationToken).ConfigureAwait(false);
        var requests = MessageRenderer.Render(welcome, Options, Tracking(delivery), size, out var error);
        if (requests is null)
        {
            ViberLog.CannotRender(Logger, address, error!);
            return null;
        }

        // One message only: the one that carries the media and the keyboard.
        var body = ViberApiClient.Serialize(requests[^1], ViberJsonContext.Compact.SendMessageRequest);
        if (body.Length > RequestFitter.MaxRequestBytes)
        {
            ViberLog.WelcomeTooLarge(Logger, address, body.Length);
            return null;
        }

        return System.Text.Encoding.UTF8.GetString(body);
    }

    internal static DeliveryResult MapStatus(int status, string description, int attempt, TimeSpan tooManyDelay)
    {
        if (ViberStatus.IsUnreachable(status))
        {
            return DeliveryResult.Unreachable(description);
        }

        return status == ViberStatus.TooManyRequests
            ? DeliveryResult.RetryLater(description, TooManyDelay(attempt, tooManyDelay))
            : DeliveryResult.Failed(description);
    }

    private static TimeSpan TooManyDelay(int attempt, TimeSpan first) =>
        TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, Math.Clamp(attempt, 0, 20)), TimeSpan.FromHours(1).Ticks));

    private async ValueTask<(List<byte[]>? Parts, string? Error)> BuildAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var size = await MediaSizeAsync(delivery.Message, cancellationToken).ConfigureAwait(false);
        var requests = MessageRenderer.Render(delivery.Message, Options, Tracking(delivery), size, out var error);
        if (requests is null)
        {
            return (null, error);
        }

        var parts = new List<byte[]>(requests.Count);
        foreach (var request in requests)
        {
            request.Receiver = delivery.Address.ChatId;
            var fitted = RequestFitter.Fit(request, out error);
            if (fitted is null)
            {
                return (null, error);
            }

            parts.AddRange(fitted);
        }

        return (parts, null);
    }

    private async ValueTask<long?> MediaSizeAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        message.Media is { } media && MessageRenderer.NeedsSize(media)
            ? await Api.GetContentLengthAsync(media.Source, cancellationToken).ConfigureAwait(false)
            : null;

    private string? Tracking(OutgoingDelivery delivery)
    {
        var data = Options.TrackingData?.Invoke(delivery);
        if (data is { Length: > ViberOptions.MaxTrackingDataLength })
        {
            ViberLog.TrackingDataTooLong(Logger, delivery.Address, data.Length);
            return null;
        }

        return data;
    }

    private async ValueTask<DeliveryResult> FailAsync(ApiCall call, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var address = delivery.Address;
        if (call.Response is not { } response)
        {
            ViberLog.TransportFailed(Logger, address, call.Describe());
            return DeliveryResult.RetryLater(call.Describe(), call.RetryAfter);
        }

        var status = response.Status ?? -1;
        var description = call.Describe();
        var result = MapStatus(status, description, delivery.Attempt, Options.TooManyRequestsDelay);
        switch (result.Status)
        {
            case DeliveryStatus.Unreachable:
                ViberLog.Unreachable(Logger, address, description);
                await RaiseUnreachableAsync(delivery, status, cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryStatus.RetryLater:
                ViberLog.TooManyRequests(Logger, address, description, result.RetryAfter!.Value);
                break;
            default:
                if (status == ViberStatus.InvalidAuthToken)
                {
                    ViberLog.InvalidToken(Logger, response.StatusMessage);
                }
                else
                {
                    ViberLog.Rejected(Logger, address, status, ViberStatus.Name(status), response.StatusMessage);
                }

                break;
        }

        return result;
    }

    private async ValueTask RaiseUnreachableAsync(OutgoingDelivery delivery, int status, CancellationToken cancellationToken)
    {
        if (!Options.RaiseUnreachableEvents || Dispatcher?.Invoke() is not { } dispatcher)
        {
            return;
        }

        var address = delivery.Address;
        var message = new IncomingMessage(address, new ChatUser(address.ChatId), new LifecycleContent(LifecycleEvent.Unreachable) { Context = ViberStatus.Name(status) })
        {
            UpdateId = "unreachable:" + delivery.IdempotencyKey,
            Timestamp = TimeProvider.GetUtcNow(),
        };
        try
        {
            // Enqueue, not dispatch: this send runs inside the conversation's turn.
            await dispatcher.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ViberLog.UnreachableEventFailed(Logger, ex, address);
        }
    }

    private async ValueTask BroadcastChunkAsync(List<string> receivers, List<SendMessageRequest> requests, Dictionary<string, DeliveryResult> results, CancellationToken cancellationToken)
    {
        var bodies = new List<byte[]>();
        foreach (var request in requests)
        {
            var copy = request.Copy();
            copy.BroadcastList = receivers;
            var whole = ViberApiClient.Serialize(copy, ViberJsonContext.Compact.SendMessageRequest);
            if (whole.Length > RequestFitter.MaxRequestBytes && receivers.Count > 1)
            {
                // The receiver list itself makes the request too large: halve it.
                var half = receivers.Count / 2;
                await BroadcastChunkAsync(receivers.GetRange(0, half), requests, results, cancellationToken).ConfigureAwait(false);
                await BroadcastChunkAsync(receivers.GetRange(half, receivers.Count - half), requests, results, cancellationToken).ConfigureAwait(false);
                return;
            }

            var fitted = RequestFitter.Fit(copy, out var error);
            if (fitted is null)
            {
                foreach (var receiver in receivers)
                {
                    results[receiver] = DeliveryResult.Failed(error!);
                }

                return;
            }

            bodies.AddRange(fitted);
        }

        long? token = null;
        foreach (var body in bodies)
        {
            await _broadcastLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            var call = await Api.PostAsync("broadcast_message", body, cancellationToken).ConfigureAwait(false);
            if (!call.IsOk)
            {
                var failure = call.Response is { } r
                    ? MapStatus(r.Status ?? -1, call.Describe(), 0, Options.TooManyRequestsDelay)
                    : DeliveryResult.RetryLater(call.Describe(), call.RetryAfter);
                foreach (var receiver in receivers)
                {
                    results.TryAdd(receiver, failure);
                }

                return;
            }

            token = call.Response!.MessageToken ?? token;
            foreach (var failed in call.Response.FailedList ?? [])
            {
                if (failed.Receiver is { } receiver && failed.Status != ViberStatus.Ok)
                {
                    results.TryAdd(receiver, MapStatus(failed.Status, ViberStatus.Describe(failed.Status, failed.StatusMessage), 0, Options.TooManyRequestsDelay));
                }
            }
        }

        var sent = DeliveryResult.Sent(token?.ToString(CultureInfo.InvariantCulture));
        foreach (var receiver in receivers)
        {
            results.TryAdd(receiver, sent);
        }
    }
}
