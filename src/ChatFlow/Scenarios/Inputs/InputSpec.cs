namespace ChatFlow;

/// <summary>
/// What a question accepts and how it turns a message into a typed value. Made with the
/// <see cref="Input"/> factory; add rules with <see cref="InputSpec{T}.Validate"/>.
/// </summary>
public abstract class InputSpec
{
    private protected InputSpec()
    {
    }

    /// <summary>Gets the type of the collected value.</summary>
    public abstract Type ValueType { get; }

    /// <summary>Gets a short description of what is expected, for diagrams and logs.</summary>
    public abstract string Description { get; }

    /// <summary>Reads an answer.</summary>
    /// <param name="message">The user's message.</param>
    /// <returns>The value, or why the message is not an answer.</returns>
    public abstract InputResult Read(IncomingMessage message);

    /// <summary>Returns the buttons offered with the question on a channel with the given capabilities, if any.</summary>
    /// <param name="capabilities">What the channel can show.</param>
    /// <returns>The keyboard, or null.</returns>
    public virtual Keyboard? GetKeyboard(ChannelCapabilities capabilities) => null;
}
