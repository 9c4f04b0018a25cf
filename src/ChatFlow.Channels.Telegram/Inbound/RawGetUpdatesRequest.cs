using System.Text.Json;
using Telegram.Bot.Requests;
using Telegram.Bot.Types.Enums;

namespace ChatFlow.Channels.Telegram;

/// <summary>
/// <c>getUpdates</c> through the client (its errors, 409 and 5xx alike, stay as they are) with the batch kept as JSON:
/// Telegram.Bot's own request deserializes every update at once, so one update it cannot read would fail the whole
/// batch. The parameters are sent exactly as <see cref="GetUpdatesRequest"/> sends them.
/// </summary>
internal sealed class RawGetUpdatesRequest : RequestBase<JsonElement>
{
    private readonly GetUpdatesRequest _parameters;

    public RawGetUpdatesRequest(int? offset, int limit, int timeoutSeconds, IEnumerable<UpdateType> allowedUpdates)
        : base("getUpdates")
    {
        _parameters = new GetUpdatesRequest { Offset = offset, Limit = limit, Timeout = timeoutSeconds, AllowedUpdates = allowedUpdates };
    }

    /// <inheritdoc />
    public override HttpContent? ToHttpContent() => _parameters.ToHttpContent();
}
