using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Hosting;

/// <summary>
/// Checks every bot's <see cref="WebChatOptions"/> at start-up (the default bot's and each named bot's instance);
/// messages name the setting and, for a named bot, the bot, never the key.
/// </summary>
internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var source = Source(name);
        if (string.IsNullOrEmpty(options.SigningKey) || options.SigningKey.Length < MinKeyLength)
        {
            errors.Add($"{source}: SigningKey is required and must be at least {MinKeyLength} characters (it signs visitor ids).");
        }

        if (string.IsNullOrWhiteSpace(options.BasePath) || options.BasePath[0] != '/' || (options.BasePath.Length > 1 && options.BasePath[^1] == '/'))
        {
            errors.Add(source + ": BasePath must start with '/' and not end with '/' (for example /webchat).");
        }

        if (options.MaxMessageLength is < 6 or > 100_000)
        {
            errors.Add(source + ": MaxMessageLength must be between 6 (the widget's first message is /start) and 100000.");
        }

        if (options.MaxMessagesPerWindow < 1 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            errors.Add(source + ": MaxMessagesPerWindow must be positive and RateLimitWindow longer than zero.");
        }

        if (options.HistoryLimit < 1 || options.MaxVisitors < 1)
        {
            errors.Add(source + ": HistoryLimit and MaxVisitors must be positive.");
        }

        if (options.MaxNewVisitorsPerMinute < 1)
        {
            errors.Add(source + ": MaxNewVisitorsPerMinute must be positive.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.MaxStreamDuration <= TimeSpan.Zero)
        {
            errors.Add(source + ": HeartbeatInterval and MaxStreamDuration must be longer than zero.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Names the web chat in messages: <c>WebChat</c> for the default bot, <c>WebChat of bot 'support'</c> for a named one.</summary>
    internal static string Source(string? name) =>
        string.IsNullOrEmpty(name) ? "WebChat" : "WebChat of bot '" + name + "'";
}
