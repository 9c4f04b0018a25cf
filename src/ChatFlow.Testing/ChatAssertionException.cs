namespace ChatFlow.Testing;

/// <summary>Thrown by <see cref="ChatTester"/> assertions; the message ends with the conversation's transcript.</summary>
public sealed class ChatAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatAssertionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected, with the transcript.</param>
    public ChatAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected, with the transcript.</param>
    /// <param name="innerException">The cause.</param>
    public ChatAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
