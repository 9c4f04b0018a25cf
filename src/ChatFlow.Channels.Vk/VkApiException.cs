namespace ChatFlow.Channels.Vk;

/// <summary>
/// A VK API call failed: VK answered with an error object (<see cref="ErrorCode"/> is VK's code), or
/// no usable answer came (network error, time-out, HTTP error status, malformed JSON; <see cref="ErrorCode"/>
/// is 0). The message names the method and VK's text, never the token.
/// </summary>
public sealed class VkApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VkApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public VkApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public VkApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an API error.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="errorCode">VK's error code.</param>
    public VkApiException(string message, int errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets VK's error code (for example 901), or 0 when no usable answer came.</summary>
    public int ErrorCode { get; }
}
