using System.Globalization;
using System.Text.Json;
using ChatFlow.Channels.Vk.Api;
using ChatFlow.Channels.Vk.Hosting;
using ChatFlow.Channels.Vk.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatFlow.Channels.Vk;

/// <summary>
/// The VK community channel: sends replies with <c>messages.send</c> (a stable <c>random_id</c> per
/// reply part, so a retry never sends twice), renders keyboards within VK's limits, uploads media,
/// and maps VK's errors to delivery results. Receiving is done by <see cref="VkWebhookHandler"/>
/// (Callback API) or by the Long Poll service that <c>AddVk</c> registers.
/// </summary>
public sealed class VkChannel : IChatChannel, IBroadcastChannel, IDisposable
{
    private static readonly ChannelCapabilities VkCapabilities = new()
    {
        MaxTextLength = 9000,
        MaxCaptionLength = 9000,
        SupportsReplyKeyboard = true,
        SupportsInlineKeyboard = true,
        SupportsUrlButtons = true,
        SupportsRequestContact = false,
        SupportsRequestLocation = true,
        MaxButtons = VkKeyboardWriter.MaxButtons,
        MaxButtonsPerRow = VkKeyboardWriter.MaxPerRow,
        MaxButtonLabelLength = 40,
        MaxButtonPayloadBytes = 100,
        SupportsMedia = true,
        SupportsEditing = false,
    };

    private readonly ILogger _logger;
    private readonly VkMediaUploader _uploader;
    private readonly string _salt;

    /// <summary>Creates a channel without a DI container (tests, small hosts).</summary>
    /// <param name="options">The channel's settings; checked here.</param>
    /// <param name="httpClient">The HTTP client to call VK with; not disposed by the channel.</param>
    /// <param name="timeProvider">The clock for pacing and time-outs; the system clock when null.</param>
    /// <param name="loggerFactory">Where to log; nowhere when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message says which and why.</exception>
    public VkChannel(VkOptions options, HttpClient httpClient, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(
            VkOptionsValidator.ThrowIfInvalid(options),
            httpClient is null ? throw new ArgumentNullException(nameof(httpClient)) : () => httpClient,
            timeProvider ?? TimeProvider.System,
            loggerFactory ?? NullLoggerFactory.Instance,
            options.RandomIdSalt ?? RandomId.NewSalt())
    {
    }

    internal VkChannel(VkOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, ILoggerFactory loggerFactory, string salt)
    {
        Options = options;
        Api = new VkApiClient(options, httpClient, timeProvider);
        _uploader = new VkMediaUploader(Api);
        _logger = loggerFactory.CreateLogger("ChatFlow.Channels.Vk");
        LoggerFactory = loggerFactory;
        _salt = salt;
    }

    /// <inheritdoc />
    public ChannelId Id => ChannelId.Vk;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities => VkCapabilities;

    /// <inheritdoc />
    public int MaxBroadcastRecipients => 100;

    internal VkOptions Options { get; }

    internal VkApiClient Api { get; }

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets or sets where the channel reports users it found unreachable; set by the receivers or by DI.</summary>
    internal Func<IChatDispatcher?>? Dispatcher { get; set; }

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var address = delivery.Address;
        if (!long.TryParse(address.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var peerId))
        {
            return DeliveryResult.Failed($"'{address.ChatId}' is not a VK peer id");
        }

        Log.OutgoingText(_logger, address, delivery.Message.Text);
        try
        {
            var parts = await BuildAsync(delivery.Message, peerId, delivery.IdempotencyKey, cancellationToken).ConfigureAwait(false);
            string? messageId = null;
            for (var i = 0; i < parts.Count; i++)
            {
                var fields = parts[i];
                fields.Add(new("peer_id", address.ChatId));
                fields.Add(new("random_id", RandomId.From(_salt, delivery.IdempotencyKey, i).ToString(CultureInfo.InvariantCulture)));
                var result = await Api.CallAsync("messages.send", fields, cancellationToken).ConfigureAwait(false);
                if (result.Error is { } error)
                {
                    return await FailAsync(delivery, error.ErrorCode, result.Describe(), cancellationToken).ConfigureAwait(false);
                }

                messageId ??= result.Response.ValueKind == JsonValueKind.Number ? result.Response.GetRawText() : null;
            }

            return DeliveryResult.Sent(messageId);
        }
        catch (VkApiException ex) when (ex.ErrorCode != 0)
        {
            return await FailAsync(delivery, ex.ErrorCode, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (VkApiException ex)
        {
            Log.SendTransportFailed(_logger, address, ex.Message);
            return DeliveryResult.RetryLater(ex.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask<BroadcastResult> BroadcastAsync(IReadOnlyList<string> chatIds, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        ArgumentNullException.ThrowIfNull(message);
        if (chatIds.Count == 0 || chatIds.Count > MaxBroadcastRecipients)
        {
            throw new ArgumentOutOfRangeException(nameof(chatIds), chatIds.Count, $"A VK broadcast goes to 1 to {MaxBroadcastRecipients} chats.");
        }

        if (!long.TryParse(chatIds[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var first))
        {
            throw new ArgumentException($"'{chatIds[0]}' is not a VK peer id.", nameof(chatIds));
        }

        var results = new Dictionary<string, DeliveryResult>(StringComparer.Ordinal);
        try
        {
            var key = "broadcast/" + RandomId.NewSalt();
            var parts = await BuildAsync(message, first, key, cancellationToken).ConfigureAwait(false);
            var fields = parts[0];
            fields.Add(new("peer_ids", string.Join(',', chatIds)));
            fields.Add(new("random_id", RandomId.From(_salt, key, 0).ToString(CultureInfo.InvariantCulture)));
            var result = await Api.CallAsync("messages.send", fields, cancellationToken).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                var outcome = Classify(error.ErrorCode, result.Describe());
                return new BroadcastResult(chatIds.ToDictionary(id => id, _ => outcome, StringComparer.Ordinal));
            }

            foreach (var item in VkApiClient.Read(result.Response, VkJsonContext.Default.VkPeerSendResultArray, "messages.send"))
            {
                var id = item.PeerId.ToString(CultureInfo.InvariantCulture);
                results[id] = item.Error is { } e
                    ? Classify(e.Code, $"VK error {e.Code}: {e.Description}")
                    : DeliveryResult.Sent((item.MessageId ?? item.ConversationMessageId)?.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (VkApiException ex)
        {
            var outcome = ex.ErrorCode == 0 ? DeliveryResult.RetryLater(ex.Message) : Classify(ex.ErrorCode, ex.Message);
            return new BroadcastResult(chatIds.ToDictionary(id => id, _ => outcome, StringComparer.Ordinal));
        }

        foreach (var id in chatIds)
        {
            results.TryAdd(id, DeliveryResult.Failed("VK returned no result for this peer"));
        }

        return new BroadcastResult(results);
    }

    /// <summary>Uploads a photo for messages and returns its attachment string (for <see cref="MediaAttachment.FromFileReference"/>).</summary>
    /// <param name="peerId">The peer the photo is meant for.</param>
    /// <param name="content">The picture's bytes.</param>
    /// <param name="fileName">The file name, with an image extension.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The attachment string, such as <c>photo-229876543_457239017_ab12</c>.</returns>
    /// <exception cref="VkApiException">VK refused the upload or did not answer.</exception>
    public Task<string> UploadPhotoAsync(long peerId, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return _uploader.UploadPhotoAsync(peerId, content, fileName, cancellationToken);
    }

    /// <summary>Uploads a document for messages and returns its attachment string (for <see cref="MediaAttachment.FromFileReference"/>).</summary>
    /// <param name="peerId">The peer the document is meant for.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="fileName">The file name users see.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The attachment string, such as <c>doc-229876543_680012345</c>.</returns>
    /// <exception cref="VkApiException">VK refused the upload or did not answer.</exception>
    public Task<string> UploadDocumentAsync(long peerId, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return _uploader.UploadDocumentAsync(peerId, content, fileName, "doc", cancellationToken);
    }

    /// <summary>Releases the request pacer.</summary>
    public void Dispose() => Api.Dispose();

    /// <summary>The form fields of each message one reply becomes (usually one; a long inline keyboard makes more).</summary>
    private async Task<List<List<KeyValuePair<string, string>>>> BuildAsync(OutgoingMessage message, long peerId, string key, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> keyboards = message.Keyboard is { } keyboard ? VkKeyboardWriter.Write(keyboard, Options, _logger) : [];
        if (keyboards.Count == 0 && message.RemoveKeyboard)
        {
            keyboards = [VkKeyboardWriter.Remove];
        }

        var first = new List<KeyValuePair<string, string>>();
        var hasMedia = false;
        if (message.Media is { } media)
        {
            if (media.IsFileReference && media.Kind == MediaKind.Sticker && long.TryParse(media.Source, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                first.Add(new("sticker_id", media.Source));
            }
            else
            {
                first.Add(new("attachment", await _uploader.ResolveAsync(media, peerId, key, cancellationToken).ConfigureAwait(false)));
            }

            hasMedia = true;
        }

        var text = message.Text;
        if (string.IsNullOrEmpty(text) && !hasMedia)
        {
            text = Options.ButtonsOnlyText;
        }

        if (!string.IsNullOrEmpty(text))
        {
            first.Add(new("message", text));
        }

        if (keyboards.Count > 0)
        {
            first.Add(new("keyboard", keyboards[0]));
        }

        var parts = new List<List<KeyValuePair<string, string>>> { first };
        for (var i = 1; i < keyboards.Count; i++)
        {
            parts.Add([new("message", Options.ButtonsOnlyText), new("keyboard", keyboards[i])]);
        }

        return parts;
    }

    private async ValueTask<DeliveryResult> FailAsync(OutgoingDelivery delivery, int code, string error, CancellationToken cancellationToken)
    {
        var outcome = Classify(code, error);
        switch (outcome.Status)
        {
            case DeliveryStatus.RetryLater:
                Log.SendRetry(_logger, delivery.Address, code, error);
                break;
            case DeliveryStatus.Unreachable:
                Log.SendUnreachable(_logger, delivery.Address, code, error);
                await RaiseUnreachableAsync(delivery, error, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.SendRejected(_logger, delivery.Address, code, error);
                break;
        }

        return outcome;
    }

    private DeliveryResult Classify(int code, string error) => code switch
    {
        VkErrorCodes.TooManyRequests or VkErrorCodes.InternalError => DeliveryResult.RetryLater(error),
        VkErrorCodes.FloodControl => DeliveryResult.RetryLater(error, Options.FloodControlDelay),
        _ when VkErrorCodes.IsUnreachable(code) => DeliveryResult.Unreachable(error),
        _ => DeliveryResult.Failed(error),
    };

    /// <summary>Tells the scenario the peer is unreachable (a lifecycle event through its conversation's queue).</summary>
    private async ValueTask RaiseUnreachableAsync(OutgoingDelivery delivery, string error, CancellationToken cancellationToken)
    {
        if (Dispatcher?.Invoke() is not { } dispatcher)
        {
            return;
        }

        try
        {
            var message = new IncomingMessage(delivery.Address, new ChatUser(delivery.Address.ChatId), new LifecycleContent(LifecycleEvent.Unreachable) { Context = error })
            {
                UpdateId = "unreachable:" + delivery.IdempotencyKey,
                Timestamp = Api.Time.GetUtcNow(),
            };
            await dispatcher.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.UnreachableEventFailed(_logger, ex, delivery.Address);
        }
    }
}
