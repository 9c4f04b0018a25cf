using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ChatFlow.Channels.Vk.Inbound;
using Microsoft.Extensions.Logging;

namespace ChatFlow.Channels.Vk;

/// <summary>
/// The VK Callback API endpoint, independent of the web framework. The <c>confirmation</c> request is
/// answered with the configured code; every other request must carry the configured <c>secret</c>
/// (compared in constant time, before anything else is read) and is answered with exactly <c>ok</c>,
/// whether the event is handled or ignored, so VK stops re-sending it. A repeated <c>event_id</c> is
/// processed once. Map it to a POST route (for example <c>/webhooks/vk</c>) in your host.
/// </summary>
public sealed class VkWebhookHandler : IWebhookHandler
{
    private readonly VkOptions _options;
    private readonly VkUpdateProcessor _processor;
    private readonly byte[] _secret;

    /// <summary>Creates a handler without a DI container.</summary>
    /// <param name="channel">The channel whose settings and API client the handler uses.</param>
    /// <param name="dispatcher">Where incoming messages go (the <see cref="ChatBot"/>).</param>
    public VkWebhookHandler(VkChannel channel, IChatDispatcher dispatcher)
        : this(channel ?? throw new ArgumentNullException(nameof(channel)), new VkUpdateProcessor(channel, Of(dispatcher)))
    {
    }

    internal VkWebhookHandler(VkChannel channel, VkUpdateProcessor processor, string? botName = null)
    {
        BotName = botName;
        _options = channel.Options;
        _processor = processor;
        _secret = Encoding.UTF8.GetBytes(_options.CallbackSecret ?? string.Empty);
    }

    /// <inheritdoc />
    public ChannelId Channel => ChannelId.Vk;

    /// <inheritdoc />
    public string? BotName { get; }

    /// <inheritdoc />
    public async ValueTask<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var logger = _processor.Logger;
        if (_options.Mode != VkReceiveMode.CallbackApi || _secret.Length == 0)
        {
            Log.CallbackRejected(logger, "the channel is not in CallbackApi mode");
            return WebhookResponse.Text(404, "not found");
        }

        if (request.Body.Length > _options.MaxCallbackBodyBytes)
        {
            Log.CallbackRejected(logger, $"the body has {request.Body.Length} bytes, more than {_options.MaxCallbackBodyBytes}");
            return WebhookResponse.Text(413, "too large");
        }

        if (!TryReadEnvelope(request.Body.Span, out var type, out var secret, out var groupId))
        {
            Log.CallbackRejected(logger, "the body is not a JSON object");
            return WebhookResponse.Text(400, "bad request");
        }

        var secretMatches = secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), _secret);
        if (type == "confirmation")
        {
            if ((secret is not null && !secretMatches) || (groupId is { } g && g != _options.GroupId))
            {
                Log.CallbackRejected(logger, "a confirmation request with a wrong secret or community");
                return WebhookResponse.Text(403, "forbidden");
            }

            return WebhookResponse.Text(200, _options.ConfirmationCode ?? string.Empty);
        }

        if (!secretMatches)
        {
            Log.CallbackRejected(logger, secret is null ? "no secret" : "a wrong secret");
            return WebhookResponse.Text(403, "forbidden");
        }

        using var document = JsonDocument.Parse(request.Body);
        var accepted = await _processor.ProcessAsync(document.RootElement, cancellationToken).ConfigureAwait(false);
        return accepted ? WebhookResponse.Text(200, "ok") : WebhookResponse.Text(503, "busy");
    }

    private static Func<IChatDispatcher> Of(IChatDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return () => dispatcher;
    }

    /// <summary>
    /// Reads only the top-level <c>type</c>, <c>secret</c> and <c>group_id</c>, and checks the whole body is well-formed
    /// JSON in UTF-8; false for anything else, including invalid UTF-8 and escapes that make no text (a lone surrogate).
    /// </summary>
    private static bool TryReadEnvelope(ReadOnlySpan<byte> body, out string? type, out string? secret, out long? groupId)
    {
        type = null;
        secret = null;
        groupId = null;
        if (!Utf8.IsValid(body))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "type" when reader.TokenType == JsonTokenType.String:
                        type = reader.GetString();
                        break;
                    case "secret" when reader.TokenType == JsonTokenType.String:
                        secret = reader.GetString();
                        break;
                    case "group_id" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id):
                        groupId = id;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or value whose escapes make no text (GetString cannot read a lone surrogate).
            return false;
        }
    }
}
