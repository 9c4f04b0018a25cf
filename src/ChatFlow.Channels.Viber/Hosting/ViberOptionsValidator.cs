using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Viber;

/// <summary>
/// Checks <see cref="ViberOptions"/> when the host starts, with messages that say what to fix (and never show the token).
/// Every instance is checked: the default bot's (no name) and each named bot's, whose messages start with the bot's name.
/// </summary>
internal sealed class ViberOptionsValidator : IValidateOptions<ViberOptions>
{
    public ValidateOptionsResult Validate(string? name, ViberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(string.IsNullOrEmpty(name) ? errors : errors.Select(e => $"Bot '{name}': {e}"));
    }
}
