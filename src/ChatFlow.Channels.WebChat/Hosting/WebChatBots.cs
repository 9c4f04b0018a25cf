using Microsoft.Extensions.Options;

namespace ChatFlow.Channels.WebChat.Hosting;

/// <summary>
/// The bots in the host that have a web chat (null: the default bot), filled in by <c>AddWebChat()</c>;
/// validated when the host starts so that two web chats never share a base path.
/// </summary>
internal sealed class WebChatBots
{
    public List<string?> Names { get; } = [];
}

/// <summary>Fails start-up when two bots' web chats are served under the same <see cref="WebChatOptions.BasePath"/>.</summary>
internal sealed class WebChatBotsValidator(IOptionsMonitor<WebChatOptions> options) : IValidateOptions<WebChatBots>
{
    public ValidateOptionsResult Validate(string? name, WebChatBots bots)
    {
        ArgumentNullException.ThrowIfNull(bots);
        var byPath = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var bot in bots.Names.Distinct())
        {
            string path;
            try
            {
                path = options.Get(bot).BasePath;
            }
            catch (OptionsValidationException)
            {
                // That bot's own settings are invalid; their validation reports it.
                continue;
            }

            if (byPath.TryGetValue(path, out var other))
            {
                errors.Add($"WebChat: {Describe(other)} and {Describe(bot)} both use BasePath {path}; give each bot's web chat its own BasePath.");
            }
            else
            {
                byPath.Add(path, bot);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Describe(string? bot) => bot is null ? "the default bot" : "bot '" + bot + "'";
}
