using System.Text.RegularExpressions;

namespace ChatFlow;

/// <summary>
/// The rules a step, a form or the global rule set can have. Rules are tried in the order they
/// were added; the first that matches wins.
/// </summary>
public static class RuleHostExtensions
{
    /// <summary>Matches a command such as <c>/start</c> (with any arguments, a deep-link payload included).</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="command">The command name, with or without the slash.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnCommand<THost>(this IRuleHost<THost> host, string command)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var name = command.TrimStart('/').ToLowerInvariant();
        return host.AddRule(new RuleMatcher("/" + name, ["command:" + name], c => c.Message.Content is CommandContent cmd && cmd.Name == name));
    }

    /// <summary>
    /// Matches a button press: a callback button whose payload is <paramref name="button"/>, or a
    /// press (or typed text) equal to the label, ignoring case and white space.
    /// </summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="button">The button's payload or label.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnButton<THost>(this IRuleHost<THost> host, string button)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(button);
        return host.AddRule(new RuleMatcher("button: " + button, ["text:" + TextMatcher.Normalize(button)], c => c.Message.Content switch
        {
            ButtonContent b => b.Payload == button || TextMatcher.Equivalent(b.Payload, button) || TextMatcher.Equivalent(b.Label, button),
            TextContent t => TextMatcher.Equivalent(t.Text, button),
            _ => false,
        }));
    }

    /// <summary>Matches text equal to any of the phrases, ignoring case and white space.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="phrases">The phrases (synonyms).</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnText<THost>(this IRuleHost<THost> host, params string[] phrases)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        if (phrases is null || phrases.Length == 0 || phrases.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one non-empty phrase.", nameof(phrases));
        }

        var list = phrases.ToArray();
        return host.AddRule(new RuleMatcher(
            "text: " + string.Join(" | ", list),
            list.Select(p => "text:" + TextMatcher.Normalize(p)).ToArray(),
            c => MatchesAny(c.Message.Content switch
            {
                TextContent t => t.Text,
                ButtonContent b => b.Payload,
                _ => null,
            }, list)));
    }

    /// <summary>Matches text against a regular expression; the match is in <see cref="ConversationContext.Match"/>.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="pattern">The expression; matched case-insensitively with a 100 ms timeout.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnRegex<THost>(this IRuleHost<THost> host, string pattern)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return host.AddRule(new RuleMatcher("regex: " + pattern, ["regex:" + pattern], c =>
        {
            if (c.Message.Content is not TextContent t)
            {
                return false;
            }

            var m = regex.Match(t.Text);
            if (!m.Success)
            {
                return false;
            }

            c.Match = m;
            return true;
        }));
    }

    /// <summary>Matches a shared contact.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnContact<THost>(this IRuleHost<THost> host)
        where THost : class =>
        Add(host, "contact", c => c.Message.Content is ContactContent);

    /// <summary>Matches a shared location.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnLocation<THost>(this IRuleHost<THost> host)
        where THost : class =>
        Add(host, "location", c => c.Message.Content is LocationContent);

    /// <summary>Matches a media file, of one kind or of any kind.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="kind">The kind to match; any kind when null.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnMedia<THost>(this IRuleHost<THost> host, MediaKind? kind = null)
        where THost : class =>
        Add(host, kind is { } k ? "media: " + k : "media", c => c.Message.Content is MediaContent m && (kind is null || m.Kind == kind));

    /// <summary>Matches any text that is not a command.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnAnyText<THost>(this IRuleHost<THost> host)
        where THost : class =>
        Add(host, "any text", c => c.Message.Content is TextContent);

    /// <summary>Matches a lifecycle event: the conversation started, the user subscribed or unsubscribed.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="lifecycleEvent">The event.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> OnEvent<THost>(this IRuleHost<THost> host, LifecycleEvent lifecycleEvent)
        where THost : class =>
        Add(host, "event: " + lifecycleEvent, c => c.Message.Content is LifecycleContent l && l.Event == lifecycleEvent);

    /// <summary>Matches messages your predicate accepts.</summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <param name="label">How the rule is drawn in diagrams; also its identity for duplicate detection.</param>
    /// <param name="predicate">The test.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> When<THost>(this IRuleHost<THost> host, string label, Func<ConversationContext, bool> predicate)
        where THost : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(predicate);
        return Add(host, label, predicate);
    }

    /// <summary>
    /// The fallback: what happens when no rule understood the message (the "I didn't understand" path).
    /// Counted as a fallback in metrics and in <see cref="ConversationContext.FallbackCount"/>.
    /// </summary>
    /// <typeparam name="THost">The builder the rule belongs to.</typeparam>
    /// <param name="host">The step, form or global rules.</param>
    /// <returns>The rule, to say what it does.</returns>
    public static RuleBuilder<THost> Otherwise<THost>(this IRuleHost<THost> host)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.AddRule(new RuleMatcher("otherwise", ["otherwise"], static _ => true) { IsFallback = true });
    }

    private static bool MatchesAny(string? text, string[] phrases)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var phrase in phrases)
        {
            if (TextMatcher.Equivalent(text, phrase))
            {
                return true;
            }
        }

        return false;
    }

    private static RuleBuilder<THost> Add<THost>(IRuleHost<THost> host, string label, Func<ConversationContext, bool> test)
        where THost : class
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.AddRule(new RuleMatcher(label, [label], test));
    }
}
