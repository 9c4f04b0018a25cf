using System.Text.RegularExpressions;

namespace ChatFlow.Channels.Telegram;

/// <summary>Checks <see cref="TelegramOptions"/>; messages name the setting and never contain the token or the secret.</summary>
internal static partial class TelegramOptionsValidation
{
    public static List<string> Validate(TelegramOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            errors.Add("TelegramOptions.BotToken is required: set it to the token @BotFather gave you (like 123456789:AAH...).");
        }
        else if (!TokenPattern().IsMatch(options.BotToken))
        {
            errors.Add("TelegramOptions.BotToken is malformed: a bot token is the bot id (digits), a colon, and at least 20 characters of A-Z a-z 0-9 _ - (like 123456789:AAH...).");
        }

        if (options.WebhookSecret is { } secret)
        {
            if (secret.Length is < 1 or > 256)
            {
                errors.Add($"TelegramOptions.WebhookSecret must be 1 to 256 characters long; it is {secret.Length}.");
            }

            if (!SecretPattern().IsMatch(secret))
            {
                errors.Add("TelegramOptions.WebhookSecret may contain only A-Z, a-z, 0-9, '_' and '-' (Telegram rejects other characters).");
            }
        }
        else if (options.Mode == TelegramReceiveMode.Webhook)
        {
            errors.Add("TelegramOptions.WebhookSecret is required in webhook mode, so that forged requests can be told apart from Telegram's.");
        }

        if (options.BotUsername is { } username && !UsernamePattern().IsMatch(username))
        {
            errors.Add("TelegramOptions.BotUsername must be the bot's username as @BotFather shows it: up to 32 characters of A-Z, a-z, 0-9 and '_', with or without a leading '@'; leave it null to ask Telegram (getMe).");
        }

        if (options.WebhookUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("TelegramOptions.WebhookUrl must be an absolute https:// address.");
        }

        if (options.ApiBaseUrl is { } api)
        {
            if (!api.IsAbsoluteUri || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add("TelegramOptions.ApiBaseUrl must be an absolute http:// or https:// address such as http://localhost:8081.");
            }
            else if (api.AbsolutePath != "/" || api.Query.Length > 0)
            {
                errors.Add("TelegramOptions.ApiBaseUrl must not have a path or query: only scheme, host and port are used, and the server must serve /bot<token>/<method> at its root.");
            }
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"TelegramOptions.Mode has an unknown value {(int)options.Mode}.");
        }

        if (options.AllowedUpdates is null)
        {
            errors.Add("TelegramOptions.AllowedUpdates must not be null (use an empty list for Telegram's default set).");
        }

        Check(errors, options.PollingTimeout >= TimeSpan.Zero && options.PollingTimeout <= TimeSpan.FromSeconds(50), "TelegramOptions.PollingTimeout must be between 0 and 50 seconds.");
        Check(errors, options.PollingLimit is >= 1 and <= 100, "TelegramOptions.PollingLimit must be between 1 and 100.");
        Check(errors, options.MinimumPollInterval > TimeSpan.Zero, "TelegramOptions.MinimumPollInterval must be positive.");
        Check(errors, options.PollingRetryDelay > TimeSpan.Zero, "TelegramOptions.PollingRetryDelay must be positive.");
        Check(errors, options.PollingMaxRetryDelay >= options.PollingRetryDelay, "TelegramOptions.PollingMaxRetryDelay must not be shorter than PollingRetryDelay.");
        Check(errors, options.RequestTimeout > TimeSpan.Zero, "TelegramOptions.RequestTimeout must be positive.");
        Check(errors, options.MaxWebhookBodyBytes >= 1024, "TelegramOptions.MaxWebhookBodyBytes must be at least 1024.");
        var pacing = options.Pacing;
        Check(errors, pacing.PerChatPerSecond > 0 && pacing.PerGroupPerMinute > 0 && pacing.GlobalPerSecond > 0, "TelegramOptions.Pacing rates must be positive (set Pacing.Enabled = false to switch pacing off).");
        Check(errors, pacing.PerChatBurst >= 1 && pacing.PerGroupBurst >= 1 && pacing.GlobalBurst >= 1, "TelegramOptions.Pacing bursts must be at least 1.");
        return errors;
    }

    /// <summary>Throws when the options are invalid, listing every problem.</summary>
    public static void ThrowIfInvalid(TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Telegram channel settings: " + string.Join(" ", errors), nameof(options));
        }
    }

    private static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }

    [GeneratedRegex("^[0-9]{1,16}:[A-Za-z0-9_-]{20,}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^@?[A-Za-z0-9_]{1,32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
