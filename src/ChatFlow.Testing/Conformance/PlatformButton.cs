namespace ChatFlow.Testing.Conformance;

/// <summary>A button as the fake platform received it from the channel.</summary>
/// <param name="Label">The label the user sees.</param>
/// <param name="Data">What the platform sends back when it is pressed (Telegram's <c>callback_data</c>, VK's <c>payload</c>, Viber's <c>ActionBody</c>), as the channel encoded it; null when pressing sends nothing.</param>
/// <param name="Url">The address a link button opens; null for other buttons.</param>
public sealed record PlatformButton(string Label, string? Data = null, string? Url = null);
