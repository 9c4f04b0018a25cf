namespace ChatFlow;

/// <summary>An input of values of type <typeparamref name="T"/>, with its validators.</summary>
/// <typeparam name="T">The type of the collected value.</typeparam>
public sealed class InputSpec<T> : InputSpec
    where T : notnull
{
    private readonly Func<IncomingMessage, InputResult> _read;
    private readonly Func<ChannelCapabilities, Keyboard?>? _keyboard;
    private readonly (Func<T, bool> Rule, string Error)[] _validators;

    internal InputSpec(string description, Func<IncomingMessage, InputResult> read, Func<ChannelCapabilities, Keyboard?>? keyboard = null)
        : this(description, read, keyboard, [])
    {
    }

    private InputSpec(string description, Func<IncomingMessage, InputResult> read, Func<ChannelCapabilities, Keyboard?>? keyboard, (Func<T, bool>, string)[] validators)
    {
        Description = description;
        _read = read;
        _keyboard = keyboard;
        _validators = validators;
    }

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>Returns a copy of this input that also requires <paramref name="rule"/> to hold.</summary>
    /// <param name="rule">The rule a value must satisfy.</param>
    /// <param name="error">What to tell the user when it does not.</param>
    /// <returns>The new input.</returns>
    public InputSpec<T> Validate(Func<T, bool> rule, string error)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new InputSpec<T>(Description, _read, _keyboard, [.. _validators, (rule, error)]);
    }

    /// <summary>Returns a copy of this input that offers <paramref name="keyboard"/> with the question.</summary>
    /// <param name="keyboard">The buttons to offer.</param>
    /// <returns>The new input.</returns>
    public InputSpec<T> WithKeyboard(Keyboard keyboard)
    {
        ArgumentNullException.ThrowIfNull(keyboard);
        return new InputSpec<T>(Description, _read, _ => keyboard, _validators);
    }

    /// <inheritdoc />
    public override InputResult Read(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = _read(message);
        if (!result.IsValid)
        {
            return result;
        }

        var value = (T)result.Value!;
        foreach (var (rule, error) in _validators)
        {
            if (!rule(value))
            {
                return InputResult.Invalid(error);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override Keyboard? GetKeyboard(ChannelCapabilities capabilities) => _keyboard?.Invoke(capabilities);
}
