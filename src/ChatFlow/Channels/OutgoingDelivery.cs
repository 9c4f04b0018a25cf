namespace ChatFlow;

/// <summary>One rendered reply handed to a channel for sending.</summary>
/// <param name="Address">The conversation to send to.</param>
/// <param name="Message">The reply, already fitted to the channel's capabilities.</param>
/// <param name="IdempotencyKey">
/// A key that is the same every time this exact part of this reply is (re)sent, also after a
/// restart, and differs for every other reply ever sent, also after the conversation started over;
/// for channels that de-duplicate sends (VK <c>random_id</c>).
/// </param>
public sealed record OutgoingDelivery(ConversationAddress Address, OutgoingMessage Message, string IdempotencyKey)
{
    /// <summary>Gets the number of earlier failed attempts to send this reply.</summary>
    public int Attempt { get; init; }
}
