using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Hosting;

/// <summary>Checks <see cref="WebChatOptions"/> at start-up; messages name the setting, never the key.</summary>
internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey) || options.SigningKey.Length < MinKeyLength)
        {
            errors.Add($"WebChat: SigningKey is required and must be at least {MinKeyLength} characters (it signs visitor ids).");
        }

        if (string.IsNullOrWhiteSpace(options.BasePath) || options.BasePath[0] != '/' || (options.BasePath.Length > 1 && options.BasePath[^1] == '/'))
        {
            errors.Add("WebChat: BasePath must start with '/' and not end with '/' (for example /webchat).");
        }

        if (options.MaxMessageLength is < 1 or > 100_000)
        {
            errors.Add("WebChat: MaxMessageLength must be between 1 and 100000.");
        }

        if (options.MaxMessagesPerWindow < 1 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            errors.Add("WebChat: MaxMessagesPerWindow must be positive and RateLimitWindow longer than zero.");
        }

        if (options.HistoryLimit < 1 || options.MaxVisitors < 1)
        {
            errors.Add("WebChat: HistoryLimit and MaxVisitors must be positive.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.MaxStreamDuration <= TimeSpan.Zero)
        {
            errors.Add("WebChat: HeartbeatInterval and MaxStreamDuration must be longer than zero.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
