namespace ChatFlow;

/// <summary>The outcome of reading an answer: a value, or the reason it was not accepted.</summary>
public readonly record struct InputResult
{
    private InputResult(object? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets the accepted value.</summary>
    public object? Value { get; }

    /// <summary>Gets why the answer was not accepted; null when it was.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the answer was accepted.</summary>
    public bool IsValid => Error is null;

    /// <summary>An accepted answer.</summary>
    /// <param name="value">The typed value.</param>
    /// <returns>The result.</returns>
    public static InputResult Valid(object value) => new(value, null);

    /// <summary>A rejected answer.</summary>
    /// <param name="error">What to tell the user.</param>
    /// <returns>The result.</returns>
    public static InputResult Invalid(string error) => new(null, error);
}
