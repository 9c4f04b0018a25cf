namespace ChatFlow.Channels.Viber;

/// <summary>
/// A Viber delivery receipt (<c>delivered</c>, <c>seen</c> or <c>failed</c>) for a message the bot
/// sent, handed to <see cref="ViberOptions.OnReceipt"/>. <see cref="MessageToken"/> is the
/// <see cref="DeliveryResult.MessageId"/> the send returned.
/// </summary>
/// <param name="Kind">What happened to the message.</param>
/// <param name="MessageToken">The Viber token of the bot's message.</param>
/// <param name="UserId">The user the message was sent to.</param>
/// <param name="Timestamp">When Viber says it happened.</param>
public sealed record ViberReceipt(ViberReceiptKind Kind, long MessageToken, string UserId, DateTimeOffset Timestamp)
{
    /// <summary>Gets Viber's description of the failure, for <see cref="ViberReceiptKind.Failed"/>.</summary>
    public string? Description { get; init; }
}
