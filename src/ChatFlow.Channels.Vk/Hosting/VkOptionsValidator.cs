using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Vk.Hosting;

/// <summary>Checks <see cref="VkOptions"/> at start-up; the messages name the setting and never show a secret.</summary>
internal sealed class VkOptionsValidator : IValidateOptions<VkOptions>
{
    public static VkOptions ThrowIfInvalid(VkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? options : throw new ArgumentException(string.Join(" ", errors), nameof(options));
    }

    public static List<string> Check(VkOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            errors.Add("VK: AccessToken is required (the community access token with the 'messages' right).");
        }

        if (options.GroupId <= 0)
        {
            errors.Add("VK: GroupId must be the community's positive id.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            errors.Add("VK: ApiVersion is required (for example 5.199).");
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("VK: ApiBaseUrl must be an absolute http(s) address.");
        }

        if (options.RequestsPerSecond is < 1 or > 1000)
        {
            errors.Add("VK: RequestsPerSecond must be between 1 and 1000 (VK allows 20 per community token).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("VK: RequestTimeout must be positive.");
        }

        if (options.LongPollWaitSeconds is < 1 or > 90)
        {
            errors.Add("VK: LongPollWaitSeconds must be between 1 and 90.");
        }

        if (options.LongPollMaxBackoff < TimeSpan.FromSeconds(1))
        {
            errors.Add("VK: LongPollMaxBackoff must be at least one second.");
        }

        if (options.FloodControlDelay < TimeSpan.Zero)
        {
            errors.Add("VK: FloodControlDelay must not be negative.");
        }

        if (options.MaxCallbackBodyBytes < 1024)
        {
            errors.Add("VK: MaxCallbackBodyBytes must be at least 1024.");
        }

        if (string.IsNullOrEmpty(options.ButtonsOnlyText))
        {
            errors.Add("VK: ButtonsOnlyText must not be empty (VK does not send a message without text or attachment).");
        }

        if (options.Mode == VkReceiveMode.CallbackApi)
        {
            if (string.IsNullOrEmpty(options.CallbackSecret))
            {
                errors.Add("VK: CallbackSecret is required in CallbackApi mode (set the same 'Secret key' in the community's Callback API settings).");
            }
            else if (options.CallbackSecret.Length > 50)
            {
                errors.Add("VK: CallbackSecret must be at most 50 characters.");
            }

            if (string.IsNullOrEmpty(options.ConfirmationCode))
            {
                errors.Add("VK: ConfirmationCode is required in CallbackApi mode (the string shown in the community's Callback API settings).");
            }
        }
        else if (options.Mode != VkReceiveMode.LongPoll)
        {
            errors.Add("VK: Mode must be LongPoll or CallbackApi.");
        }

        return errors;
    }

    public ValidateOptionsResult Validate(string? name, VkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
