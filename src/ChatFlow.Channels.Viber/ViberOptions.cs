namespace ChatFlow.Channels.Viber;

/// <summary>How the Viber channel talks to Viber. Checked when the host starts; the token never appears in logs or error messages.</summary>
public sealed class ViberOptions
{
    /// <summary>The longest sender name Viber accepts.</summary>
    public const int MaxSenderNameLength = 28;

    /// <summary>The longest <c>tracking_data</c> Viber accepts.</summary>
    public const int MaxTrackingDataLength = 4000;

    /// <summary>Gets or sets the bot's auth token from the Viber admin panel. It signs webhooks and authorizes every API call. Required.</summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>Gets or sets the name shown as the sender of the bot's messages (at most 28 characters). Required.</summary>
    public string SenderName { get; set; } = string.Empty;

    /// <summary>Gets or sets the URL of the sender's avatar (at most 100 KB, 720×720 recommended).</summary>
    /// <value>The default value is <see langword="null"/>: Viber shows the bot's own avatar.</value>
    public Uri? SenderAvatar { get; set; }

    /// <summary>
    /// Gets or sets the public HTTPS address of the bot's webhook. When set, the channel calls
    /// <c>set_webhook</c> with it when the host has started, subscribing to the events the bot needs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the webhook is managed elsewhere.</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets or sets a value indicating whether <c>set_webhook</c> asks Viber for users' names.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SendName { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether <c>set_webhook</c> asks Viber for users' photos.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SendPhoto { get; set; } = true;

    /// <summary>
    /// Gets or sets the <c>min_api_version</c> sent with every message. Messages with
    /// <c>share-phone</c> or <c>location-picker</c> buttons are sent with at least 3.
    /// </summary>
    /// <value>The default value is 1.</value>
    public int MinApiVersion { get; set; } = 1;

    /// <summary>Gets or sets the base address of the Viber REST API.</summary>
    /// <value>The default value is <c>https://chatapi.viber.com/pa/</c>.</value>
    public Uri ApiBaseUrl { get; set; } = new("https://chatapi.viber.com/pa/");

    /// <summary>Gets or sets how long an API call may take before it counts as failed (and is retried).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long the webhook waits for the scenario's welcome message when a user opens
    /// the chat (<c>conversation_started</c>). Viber may deliver the event again after about 5 seconds.
    /// </summary>
    /// <value>The default value is 3 seconds.</value>
    public TimeSpan WelcomeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets the largest webhook body accepted; larger requests are answered 413 without being read further.</summary>
    /// <value>The default value is 262144 (256 KB).</value>
    public int MaxWebhookBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Gets or sets how many messages one user may get in an hour without writing back. Viber allows
    /// 100; past that the channel reports a delivery error with the time to wait instead of calling Viber.
    /// </summary>
    /// <value>The default value is 100.</value>
    public int MaxMessagesPerUserPerHour { get; set; } = 100;

    /// <summary>Gets or sets the first wait after Viber answers "too many requests" (status 12); it doubles with each attempt, up to an hour.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan TooManyRequestsDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the most buttons one keyboard may hold (six columns a row, one row a button
    /// height). Viber's documentation does not state a hard maximum; 24 keeps keyboards usable.
    /// </summary>
    /// <value>The default value is 24.</value>
    public int MaxKeyboardButtons { get; set; } = 24;

    /// <summary>Gets or sets the keyboard's background color, as <c>#RRGGBB</c>.</summary>
    /// <value>The default value is <see langword="null"/>: Viber's default.</value>
    public string? KeyboardBackgroundColor { get; set; }

    /// <summary>Gets or sets the background color of reply and callback buttons, as <c>#RRGGBB</c>.</summary>
    /// <value>The default value is <see langword="null"/>: Viber's default.</value>
    public string? ButtonBackgroundColor { get; set; }

    /// <summary>Gets or sets the background color of link, share-phone and location buttons, as <c>#RRGGBB</c>.</summary>
    /// <value>The default value is <see langword="null"/>: Viber's default.</value>
    public string? ActionButtonBackgroundColor { get; set; }

    /// <summary>Gets or sets a value indicating whether keyboards always take the native keyboard's height.</summary>
    /// <value>The default value is <see langword="false"/>: short keyboards stay short.</value>
    public bool KeyboardDefaultHeight { get; set; }

    /// <summary>Gets or sets the size of button labels: <c>small</c>, <c>regular</c> or <c>large</c>.</summary>
    /// <value>The default value is <c>regular</c>.</value>
    public string ButtonTextSize { get; set; } = "regular";

    /// <summary>Gets or sets how many <c>broadcast_message</c> requests may be made per <see cref="BroadcastWindow"/>; further requests wait.</summary>
    /// <value>The default value is 500.</value>
    public int BroadcastRequestsPerWindow { get; set; } = 500;

    /// <summary>Gets or sets the window of <see cref="BroadcastRequestsPerWindow"/>.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan BroadcastWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets code that gets Viber's delivery receipts (<c>delivered</c>, <c>seen</c>,
    /// <c>failed</c>). When set, the webhook subscribes to them. It runs before the webhook answers: keep it quick.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: receipts are not requested.</value>
    public Func<ViberReceipt, CancellationToken, ValueTask>? OnReceipt { get; set; }

    /// <summary>
    /// Gets or sets code that chooses the <c>tracking_data</c> of an outgoing message (at most 4000
    /// characters); Viber returns it with the user's answer, in <see cref="ViberCallbackMessage.TrackingData"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no tracking data.</value>
    public Func<OutgoingDelivery, string?>? TrackingData { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a send that finds the user unsubscribed or unregistered
    /// (status 5 or 6) also hands a <see cref="LifecycleEvent.Unreachable"/> event to the bot. Without
    /// a container the channel learns the bot when a <see cref="ViberWebhookHandler"/> is created for both.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RaiseUnreachableEvents { get; set; } = true;

    /// <summary>Returns what is wrong with the options, one clear sentence each; empty when they are valid. Never includes the token.</summary>
    internal List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            errors.Add("ViberOptions.AuthToken is required: copy the bot's token from the Viber admin panel (for example into the VIBER_AUTH_TOKEN environment variable).");
        }
        else if (AuthToken.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add("ViberOptions.AuthToken contains white space or control characters; copy the token again without them.");
        }

        if (string.IsNullOrWhiteSpace(SenderName))
        {
            errors.Add("ViberOptions.SenderName is required: Viber shows it as the sender of the bot's messages.");
        }
        else if (SenderName.Length > MaxSenderNameLength)
        {
            errors.Add($"ViberOptions.SenderName is {SenderName.Length} characters long; Viber allows at most {MaxSenderNameLength}.");
        }

        CheckUrl(errors, SenderAvatar, nameof(SenderAvatar), httpsOnly: false);
        CheckUrl(errors, WebhookUrl, nameof(WebhookUrl), httpsOnly: true);
        if (ApiBaseUrl is null || !ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("ViberOptions.ApiBaseUrl must be an absolute http(s) address, such as https://chatapi.viber.com/pa/.");
        }

        if (MinApiVersion < 1)
        {
            errors.Add($"ViberOptions.MinApiVersion is {MinApiVersion}; it must be 1 or more.");
        }

        CheckPositive(errors, RequestTimeout, nameof(RequestTimeout));
        CheckPositive(errors, WelcomeTimeout, nameof(WelcomeTimeout));
        CheckPositive(errors, TooManyRequestsDelay, nameof(TooManyRequestsDelay));
        CheckPositive(errors, BroadcastWindow, nameof(BroadcastWindow));
        CheckRange(errors, MaxWebhookBodyBytes, 1024, 64 * 1024 * 1024, nameof(MaxWebhookBodyBytes));
        CheckRange(errors, MaxMessagesPerUserPerHour, 1, 100, nameof(MaxMessagesPerUserPerHour));
        CheckRange(errors, MaxKeyboardButtons, 1, 72, nameof(MaxKeyboardButtons));
        CheckRange(errors, BroadcastRequestsPerWindow, 1, 500, nameof(BroadcastRequestsPerWindow));
        CheckColor(errors, KeyboardBackgroundColor, nameof(KeyboardBackgroundColor));
        CheckColor(errors, ButtonBackgroundColor, nameof(ButtonBackgroundColor));
        CheckColor(errors, ActionButtonBackgroundColor, nameof(ActionButtonBackgroundColor));
        if (ButtonTextSize is not ("small" or "regular" or "large"))
        {
            errors.Add($"ViberOptions.ButtonTextSize is '{ButtonTextSize}'; use small, regular or large.");
        }

        return errors;
    }

    private static void CheckUrl(List<string> errors, Uri? url, string name, bool httpsOnly)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && (httpsOnly || url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add(httpsOnly
                ? $"ViberOptions.{name} must be an absolute https:// address with a certificate from a trusted CA; Viber calls no other webhooks."
                : $"ViberOptions.{name} must be an absolute http(s) address.");
        }
    }

    private static void CheckPositive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"ViberOptions.{name} is {value}; it must be positive.");
        }
    }

    private static void CheckRange(List<string> errors, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            errors.Add($"ViberOptions.{name} is {value}; it must be from {min} to {max}.");
        }
    }

    private static void CheckColor(List<string> errors, string? color, string name)
    {
        if (color is not null && (color.Length != 7 || color[0] != '#' || !color.AsSpan(1).ContainsOnlyHex()))
        {
            errors.Add($"ViberOptions.{name} is '{color}'; use a color like #2DB9B9.");
        }
    }
}

file static class HexExtensions
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
