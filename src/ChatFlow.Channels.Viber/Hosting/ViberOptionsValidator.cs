using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.Viber;

/// <summary>Checks <see cref="ViberOptions"/> when the host starts, with messages that say what to fix (and never show the token).</summary>
internal sealed class ViberOptionsValidator : IValidateOptions<ViberOptions>
{
    public ValidateOptionsResult Validate(string? name, ViberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
