namespace ChatFlow.Testing.Conformance;

/// <summary>
/// Connects <see cref="ChannelConformance"/> to one channel and to a fake of its platform that the test starts
/// (a loopback HTTP server speaking the messenger's API). A channel's test project writes one harness; the kit then
/// checks that the channel sends what it is given intact, turns platform failures into the right
/// <see cref="DeliveryResult"/>, and, when it has a webhook, refuses forged and malformed requests and maps genuine ones
/// to messages the runtime can de-duplicate. A new harness is made for every check.
/// </summary>
public abstract class ChannelHarness : IAsyncDisposable
{
    /// <summary>
    /// The retry-after a harness should make its platform ask for when told <see cref="PlatformFailure.RateLimited"/>,
    /// when the platform's answer can carry one.
    /// </summary>
    public static readonly TimeSpan RateLimitRetryAfter = TimeSpan.FromSeconds(3);

    /// <summary>Creates the harness; start it with <see cref="StartAsync"/>.</summary>
    protected ChannelHarness()
    {
    }

    /// <summary>Gets the channel under test; valid after <see cref="StartAsync"/>.</summary>
    public abstract IChatChannel Channel { get; }

    /// <summary>Gets the channel's webhook handler, or null when updates do not arrive by webhook; valid after <see cref="StartAsync"/>.</summary>
    public virtual IWebhookHandler? Webhook => null;

    /// <summary>Gets the conversation of a user the fake platform knows and lets the bot write to.</summary>
    public abstract ConversationAddress User { get; }

    /// <summary>
    /// Gets a value indicating whether the platform's rate-limit answer says when to retry (Telegram's <c>retry_after</c>);
    /// when true the kit expects <see cref="DeliveryResult.RetryAfter"/> to be at least <see cref="RateLimitRetryAfter"/>.
    /// </summary>
    public virtual bool PlatformSaysWhenToRetry => false;

    /// <summary>
    /// Gets genuine webhook bodies as the platform sends them (the shared fixtures: a text, a button press, a contact,
    /// a location, media, lifecycle events), for the check <c>webhook-mutated-updates</c>: the kit sends each with every
    /// field in turn removed, set to null, given another type, emptied, made huge or out of range, authenticated with
    /// <see cref="Authentic"/>. Leave out bodies the channel answers only after the bot replies (Viber's
    /// <c>conversation_started</c>), or make such waits short.
    /// </summary>
    public virtual IReadOnlyList<ReadOnlyMemory<byte>> SampleUpdates => [];

    /// <summary>
    /// Returns a sample update as a new update: the platform's update id (Telegram's <c>update_id</c>, VK's
    /// <c>event_id</c>, Viber's <c>message_token</c>) set from <paramref name="sequence"/>, so that a channel that
    /// remembers ids does not drop the variants of <c>webhook-mutated-updates</c> as redeliveries. The default returns
    /// the sample unchanged.
    /// </summary>
    /// <param name="sample">One of <see cref="SampleUpdates"/>.</param>
    /// <param name="sequence">A number no other update of the run has.</param>
    /// <returns>The renumbered update.</returns>
    public virtual ReadOnlyMemory<byte> AsNewUpdate(ReadOnlyMemory<byte> sample, long sequence) => sample;

    /// <summary>Starts the fake platform and creates the channel and its webhook handler, which hand updates to <paramref name="dispatcher"/>.</summary>
    /// <param name="dispatcher">Records what the channel hands to the bot.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the channel can send.</returns>
    public abstract ValueTask StartAsync(IChatDispatcher dispatcher, CancellationToken cancellationToken);

    /// <summary>Returns what the fake platform was asked to show since the last call, oldest first, and forgets it.</summary>
    /// <returns>The messages, as the platform would show them.</returns>
    public abstract IReadOnlyList<PlatformMessage> TakeReceived();

    /// <summary>Makes the fake platform answer the next send with <paramref name="failure"/>.</summary>
    /// <param name="failure">The failure.</param>
    public abstract void FailNextSend(PlatformFailure failure);

    /// <summary>Builds the webhook request the platform sends when <see cref="User"/> writes <paramref name="text"/>, authenticated as the platform does.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sequence">Tells updates apart: requests with different numbers are different updates, the same number is a redelivery.</param>
    /// <returns>The request.</returns>
    public virtual WebhookRequest TextUpdate(string text, long sequence) => throw NoWebhook();

    /// <summary>Builds the webhook request the platform sends when <see cref="User"/> presses <paramref name="button"/>, authenticated as the platform does.</summary>
    /// <param name="button">A button from <see cref="TakeReceived"/>.</param>
    /// <param name="sequence">Tells updates apart, as in <see cref="TextUpdate"/>.</param>
    /// <returns>The request.</returns>
    public virtual WebhookRequest ButtonPress(PlatformButton button, long sequence) => throw NoWebhook();

    /// <summary>
    /// Wraps any body in a request authenticated as the platform's (the secret header, a signature over the bytes);
    /// for platforms whose secret travels inside the body, the body as it is.
    /// </summary>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public virtual WebhookRequest Authentic(ReadOnlyMemory<byte> body) => throw NoWebhook();

    /// <summary>Returns <paramref name="genuine"/> with its authentication broken the way a forger would (a wrong secret, a signature made with another key).</summary>
    /// <param name="genuine">A request from <see cref="TextUpdate"/>.</param>
    /// <returns>The forged request.</returns>
    public virtual WebhookRequest Forge(WebhookRequest genuine) => throw NoWebhook();

    /// <summary>Stops the fake platform and disposes the channel.</summary>
    /// <returns>A task that completes when everything is stopped.</returns>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private NotSupportedException NoWebhook() => new($"{GetType().Name} does not build webhook requests; override it for the webhook checks.");
}
