namespace ChatFlow.Channels.Vk;

/// <summary>Settings of the VK channel: the community, its token, how updates arrive and how sends are paced.</summary>
public sealed class VkOptions
{
    /// <summary>Gets or sets the community access token (Community settings → API usage → Access tokens). Never logged.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>Gets or sets the community (group) id, a positive number.</summary>
    public long GroupId { get; set; }

    /// <summary>Gets or sets the VK API version sent with every call.</summary>
    /// <value>The default value is <c>5.199</c>.</value>
    public string ApiVersion { get; set; } = "5.199";

    /// <summary>Gets or sets how updates arrive.</summary>
    /// <value>The default value is <see cref="VkReceiveMode.LongPoll"/>.</value>
    public VkReceiveMode Mode { get; set; } = VkReceiveMode.LongPoll;

    /// <summary>Gets or sets the Callback API secret key (at most 50 characters); required in <see cref="VkReceiveMode.CallbackApi"/> mode. Never logged.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>Gets or sets the string the Callback API <c>confirmation</c> request is answered with; required in <see cref="VkReceiveMode.CallbackApi"/> mode.</summary>
    public string? ConfirmationCode { get; set; }

    /// <summary>Gets or sets the base address of API methods; a method name is appended to it. Change it for a proxy or a test server.</summary>
    /// <value>The default value is <c>https://api.vk.com/method/</c>.</value>
    public Uri ApiBaseUrl { get; set; } = new("https://api.vk.com/method/");

    /// <summary>Gets or sets how many API requests per second the channel makes at most (VK allows 20 per community token).</summary>
    /// <value>The default value is 20.</value>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Gets or sets how long one API request may take before it counts as failed (and is retried).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the Long Poll <c>wait</c> in seconds (1 to 90).</summary>
    /// <value>The default value is 25, which VK recommends because some proxies close connections after 30 seconds.</value>
    public int LongPollWaitSeconds { get; set; } = 25;

    /// <summary>Gets or sets the longest pause between Long Poll attempts after network or API errors; pauses double from one second up to it.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan LongPollMaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long to wait before sending again after error 9 (flood control: too many identical messages).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan FloodControlDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets a value indicating whether <c>message_edit</c> events are dispatched as edited messages (enable the event in the community too).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DispatchEdits { get; set; }

    /// <summary>Gets or sets the largest Callback API request body accepted, in bytes; larger bodies are answered with 413.</summary>
    /// <value>The default value is 262144 (256 KiB).</value>
    public int MaxCallbackBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Gets or sets the text of a message that carries only buttons: the further messages of an inline
    /// keyboard longer than VK allows in one message (6 rows, 10 buttons), or a reply with buttons and no text.
    /// </summary>
    /// <value>The default value is <c>…</c>.</value>
    public string ButtonsOnlyText { get; set; } = "\u2026";

    /// <summary>Gets or sets a function that picks a button's colour; VK's default (white) when null or when it returns null.</summary>
    public Func<Button, VkButtonColor?>? ButtonColor { get; set; }

    /// <summary>
    /// Gets or sets text mixed into every <c>random_id</c>. VK drops a send whose <c>random_id</c> it has
    /// seen before, and reply numbers start over when a conversation starts over. When null (the default), a
    /// value chosen at start-up is used if conversations are kept in memory (they start over with the
    /// process), and none otherwise (a durable store resends a reply after a restart with the same id, and
    /// VK keeps it single). Set a fixed value only to share ids between processes.
    /// </summary>
    public string? RandomIdSalt { get; set; }
}
