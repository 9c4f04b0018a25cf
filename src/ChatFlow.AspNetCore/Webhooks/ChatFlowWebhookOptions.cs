namespace ChatFlow.AspNetCore;

/// <summary>Settings of the webhook endpoints that <c>MapChatFlow()</c> maps.</summary>
/// <remarks>Configure with <c>services.Configure&lt;ChatFlowWebhookOptions&gt;(o =&gt; …)</c>.</remarks>
public sealed class ChatFlowWebhookOptions
{
    /// <summary>The default body limit: 1 MB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest webhook body accepted, in bytes. Larger bodies get 413 without being parsed:
    /// a declared <c>Content-Length</c> over the limit is refused before reading, and a chunked body is not read past it.
    /// </summary>
    /// <value>The default value is 1 048 576 (1 MB).</value>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
