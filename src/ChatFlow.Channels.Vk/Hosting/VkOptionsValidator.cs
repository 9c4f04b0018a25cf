using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Vk.Hosting;

/// <summary>Checks <see cref="VkOptions"/> at start-up, every named instance (one per bot); the messages name the setting (and a named bot) and never show a secret.</summary>
internal sealed class VkOptionsValidator : IValidateOptions<VkOptions>
{
    public static VkOptions ThrowIfInvalid(VkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? options : throw new ArgumentException(string.Join(" ", errors), nameof(options));
    }

    /// <summary>Lists what is wrong with <paramref name="options"/>; a named bot's messages name the bot.</summary>
    public static List<string> Check(VkOptions options, string? botName = null)
    {
        var prefix = string.IsNullOrEmpty(botName) ? "VK: " : $"VK (bot '{botName}'): ";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            errors.Add(prefix + "AccessToken is required (the community access token with the 'messages' right).");
        }

        if (options.GroupId <= 0)
        {
            errors.Add(prefix + "GroupId must be the community's positive id.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            errors.Add(prefix + "ApiVersion is required (for example 5.199).");
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add(prefix + "ApiBaseUrl must be an absolute http(s) address.");
        }

        if (options.RequestsPerSecond is < 1 or > 1000)
        {
            errors.Add(prefix + "RequestsPerSecond must be between 1 and 1000 (VK allows 20 per community token).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add(prefix + "RequestTimeout must be positive.");
        }

        if (options.LongPollWaitSeconds is < 1 or > 90)
        {
            errors.Add(prefix + "LongPollWaitSeconds must be between 1 and 90.");
        }

        if (options.LongPollMaxBackoff < TimeSpan.FromSeconds(1))
        {
            errors.Add(prefix + "LongPollMaxBackoff must be at least one second.");
        }

        if (options.FloodControlDelay < TimeSpan.Zero)
        {
            errors.Add(prefix + "FloodControlDelay must not be negative.");
        }

        if (options.MaxCallbackBodyBytes < 1024)
        {
            errors.Add(prefix + "MaxCallbackBodyBytes must be at least 1024.");
        }

        if (string.IsNullOrEmpty(options.ButtonsOnlyText))
        {
            errors.Add(prefix + "ButtonsOnlyText must not be empty (VK does not send a message without text or attachment).");
        }

        if (options.Mode == VkReceiveMode.CallbackApi)
        {
            if (string.IsNullOrEmpty(options.CallbackSecret))
            {
                errors.Add(prefix + "CallbackSecret is required in CallbackApi mode (set the same 'Secret key' in the community's Callback API settings).");
            }
            else if (options.CallbackSecret.Length > 50)
            {
                errors.Add(prefix + "CallbackSecret must be at most 50 characters.");
            }

            if (string.IsNullOrEmpty(options.ConfirmationCode))
            {
                errors.Add(prefix + "ConfirmationCode is required in CallbackApi mode (the string shown in the community's Callback API settings).");
            }
        }
        else if (options.Mode != VkReceiveMode.LongPoll)
        {
            errors.Add(prefix + "Mode must be LongPoll or CallbackApi.");
        }

        return errors;
    }

    public ValidateOptionsResult Validate(string? name, VkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Every named instance is checked: the default bot's options are named "" (Options.DefaultName), a named bot's after the bot.
        var errors = Check(options, name);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
