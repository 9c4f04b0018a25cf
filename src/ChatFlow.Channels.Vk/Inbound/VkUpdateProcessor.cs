using System.Text.Json;
using ChatFlow.Channels.Vk.Api;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk.Inbound;

/// <summary>
/// What both receivers do with one VK event: drop a repeated delivery (same <c>event_id</c>), map it,
/// hand it to the bot, and answer a callback-button press with <c>messages.sendMessageEventAnswer</c>.
/// A bad event is logged and skipped; it never stops the receiver.
/// </summary>
internal sealed class VkUpdateProcessor
{
    private readonly VkChannel _channel;
    private readonly Func<IChatDispatcher> _dispatcher;
    private readonly ILogger _logger;
    private readonly VkUpdateMapper _mapper;
    private readonly RecentEventIds _recent = new(8192);

    public VkUpdateProcessor(VkChannel channel, Func<IChatDispatcher> dispatcher)
    {
        _channel = channel;
        _dispatcher = dispatcher;
        _logger = channel.LoggerFactory.CreateLogger("ChatFlow.Channels.Vk");
        _mapper = new VkUpdateMapper(channel.Options, channel.Api.Time);
        channel.Dispatcher ??= dispatcher;
    }

    public ILogger Logger => _logger;

    /// <summary>Processes one event; false when the bot could not take it, so it should be delivered again.</summary>
    public async ValueTask<bool> ProcessAsync(JsonElement raw, CancellationToken cancellationToken)
    {
        VkEvent update;
        IncomingMessage? message;
        try
        {
            update = VkApiClient.Read(raw, VkJsonContext.Default.VkEvent, "event");
            if (update.GroupId != 0 && update.GroupId != _channel.Options.GroupId)
            {
                Log.OtherCommunity(_logger, update.GroupId, _channel.Options.GroupId);
                return true;
            }

            if (update.EventId is { } seen && !_recent.TryAdd(seen))
            {
                Log.DuplicateEvent(_logger, seen);
                return true;
            }

            message = _mapper.Map(update);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.MappingFailed(_logger, ex, raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("type", out var t) ? t.ToString() : null, null);
            return true;
        }

        if (message is null)
        {
            Log.EventIgnored(_logger, update.Type, update.EventId);
            return true;
        }

        try
        {
            await _dispatcher().EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (update.EventId is { } id)
            {
                _recent.Remove(id);
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            Log.DispatchFailed(_logger, ex);
            return false;
        }

        if (update.Type == "message_event" && message.Content is ButtonContent { CallbackId: { } callbackId })
        {
            await AnswerAsync(callbackId, message, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Stops the button's spinner. Failures are logged; the press was already handed to the bot.</summary>
    private async ValueTask AnswerAsync(string eventId, IncomingMessage press, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _channel.Api.CallAsync(
                "messages.sendMessageEventAnswer",
                [new("event_id", eventId), new("user_id", press.Sender.Id), new("peer_id", press.Address.ChatId)],
                cancellationToken).ConfigureAwait(false);
            if (result.IsError)
            {
                Log.EventAnswerFailed(_logger, eventId, result.Describe());
            }
        }
        catch (VkApiException ex)
        {
            Log.EventAnswerFailed(_logger, eventId, ex.Message);
        }
    }
}
