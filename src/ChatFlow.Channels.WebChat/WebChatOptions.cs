namespace ChatFlow.Channels.WebChat;

/// <summary>Settings of the website chat channel; checked when the host starts.</summary>
public sealed class WebChatOptions
{
    /// <summary>The base path of the default bot's web chat.</summary>
    internal const string DefaultBasePath = "/webchat";

    private string? _basePath;

    /// <summary>
    /// Gets or sets the path under which the widget and its API are served. Each web chat in the host needs its own.
    /// </summary>
    /// <value>
    /// The default value is <c>/webchat</c>; on a named bot (<c>services.AddChatFlow("support")</c>) it is
    /// <c>/webchat/support</c> unless set.
    /// </value>
    public string BasePath
    {
        get => _basePath ?? DefaultBasePath;
        set => _basePath = value;
    }

    /// <summary>Gets a value indicating whether <see cref="BasePath"/> was set (a named bot's default depends on it).</summary>
    internal bool IsBasePathSet => _basePath is not null;

    /// <summary>
    /// Gets or sets the secret that signs visitor ids (HMAC-SHA256); at least 32 characters. Required.
    /// Changing it invalidates every issued visitor token. Never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (start-up fails until it is set).</value>
    public string? SigningKey { get; set; }

    /// <summary>Gets or sets the longest message a visitor may send, in characters; at least 6, the length of the widget's first message, <c>/start</c>.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>Gets or sets how many messages one visitor may send within <see cref="RateLimitWindow"/>.</summary>
    /// <value>The default value is 20.</value>
    public int MaxMessagesPerWindow { get; set; } = 20;

    /// <summary>Gets or sets the window of the per-visitor rate limit.</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how many messages (both directions) are kept per visitor, in memory, for the
    /// history shown after a reload and for resuming a broken stream; older ones are dropped.
    /// </summary>
    /// <value>The default value is 200.</value>
    public int HistoryLimit { get; set; } = 200;

    /// <summary>Gets or sets how many visitors are kept in memory; beyond it the least recently active one is forgotten.</summary>
    /// <value>The default value is 10000.</value>
    public int MaxVisitors { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how many visitor tokens one client network (an IPv4 address, or an IPv6 /64) may get per minute;
    /// beyond it <c>POST {base}/api/visitors</c> answers 429 with <c>Retry-After</c>. A browser asks once and keeps its
    /// token, so real visitors rarely come near it; it keeps one client from creating visitors by the thousand to push
    /// others out of memory. Behind a reverse proxy, let ASP.NET Core see the client's address (forwarded headers),
    /// or every visitor counts as the proxy.
    /// </summary>
    /// <value>The default value is 30.</value>
    public int MaxNewVisitorsPerMinute { get; set; } = 30;

    /// <summary>Gets or sets how often an idle event stream gets a keep-alive comment.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long one event stream stays open before the server ends it; the browser then
    /// reconnects and resumes from the last id it saw. Keeps proxies from holding a response forever.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the title shown in the widget's header.</summary>
    /// <value>The default value is <c>Chat with us</c>.</value>
    public string Title { get; set; } = "Chat with us";
}
